import { Button, Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import { useT } from '@/core/i18n'
import { AGREE_BUTTON_ID, usePrivacy } from '@/core/privacy'
import { loadContractName, openPrivacyContract } from './privacyContract'
import { privacyPromptMessages } from './privacyPromptMessages'

/**
 * WeChat's privacy guide, asked for by whatever page called a privacy API (core/privacy holds the waiting call).
 * Every page's shell (Screen) renders it, so no call waits unseen: the guide's name from getPrivacySetting, a link
 * that opens it (openPrivacyContract), WeChat's own agree button (open-type agreePrivacyAuthorization, the only
 * agreement WeChat accepts) and a way to decline. Both answers end the waiting call; the page then carries on or says
 * what happened (core/permission 'privacy', ui/PermissionNotice).
 */
export function PrivacyPrompt() {
  const t = useT(privacyPromptMessages)
  const pending = usePrivacy((state) => state.waiting.length > 0)
  const contractName = usePrivacy((state) => state.contractName)

  useEffect(() => {
    if (!pending) return
    usePrivacy.getState().exposed()
    if (!usePrivacy.getState().contractName) loadContractName()
  }, [pending])

  if (!pending) return null
  const guide = contractName || t('privacyGuide')
  return (
    <View className="privacy-prompt" id="wechat-privacy">
      <View className="privacy-prompt__shade" />
      <View className="privacy-prompt__sheet stack" role="dialog" aria-modal="true" aria-label={t('privacyTitle')}>
        <Text className="subtitle privacy-prompt__title">{t('privacyTitle')}</Text>
        <Text className="privacy-prompt__text">{t('privacyText', { guide })}</Text>
        <Button className="btn btn--ghost btn--block" onClick={() => openPrivacyContract()}>
          {t('privacyOpen', { guide })}
        </Button>
        <Button
          className="btn btn--block"
          id={AGREE_BUTTON_ID}
          openType="agreePrivacyAuthorization"
          onAgreePrivacyAuthorization={() => usePrivacy.getState().agree()}
        >
          {t('privacyAgree')}
        </Button>
        <Button className="btn btn--quiet btn--block" onClick={() => usePrivacy.getState().disagree()}>
          {t('privacyDecline')}
        </Button>
      </View>
    </View>
  )
}
