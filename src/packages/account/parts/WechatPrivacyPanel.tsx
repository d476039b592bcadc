import { Button, Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import { AGREE_BUTTON_ID, usePrivacy } from '@/core/privacy'
import { useT } from '@/core/i18n'
import { privacyPanelMessages } from './privacyPanelMessages'

/**
 * WeChat's own agree button, shown inline only while a privacy API (avatar, nickname…) is waiting for the person's
 * answer. WeChat accepts the agreement only from a tapped button whose open-type is agreePrivacyAuthorization.
 */
export function WechatPrivacyPanel() {
  const t = useT(privacyPanelMessages)
  const pending = usePrivacy((state) => state.waiting.length > 0)

  useEffect(() => {
    if (pending) usePrivacy.getState().exposed()
  }, [pending])

  if (!pending) return null
  return (
    <View className="card stack" id="wechat-privacy">
      <Text className="subtitle">{t('title')}</Text>
      <Text>{t('text')}</Text>
      <Button
        className="btn btn--block"
        id={AGREE_BUTTON_ID}
        openType="agreePrivacyAuthorization"
        onAgreePrivacyAuthorization={() => usePrivacy.getState().agree()}
      >
        {t('agree')}
      </Button>
      <Button className="btn btn--quiet btn--block" onClick={() => usePrivacy.getState().disagree()}>
        {t('notNow')}
      </Button>
    </View>
  )
}
