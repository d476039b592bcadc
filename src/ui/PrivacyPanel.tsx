import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { useT } from '@/core/i18n'
import { AGREE_BUTTON_ID, usePrivacy } from '@/core/privacy'
import { common } from './messages'
import './PrivacyPanel.scss'

/**
 * Shown in the page (not as a pop-up) while WeChat holds a privacy API until the person agrees. Any page that calls a
 * privacy API (avatar, nickname, location …) places this near the control that triggered it. Renders nothing otherwise.
 */
export function PrivacyPanel() {
  const t = useT(common)
  const waiting = usePrivacy((state) => state.waiting.length > 0)

  useEffect(() => {
    if (waiting) usePrivacy.getState().exposed()
  }, [waiting])

  if (!waiting) return null
  return (
    <View className="card privacy-panel" aria-live="polite">
      <Text className="subtitle privacy-panel__title">{t('privacyTitle')}</Text>
      <Text className="privacy-panel__body">{t('privacyBody')}</Text>
      <View className="stack privacy-panel__actions">
        <Button className="btn btn--quiet btn--block" onClick={() => void Taro.openPrivacyContract?.({})}>
          {t('privacyRead')}
        </Button>
        <Button
          id={AGREE_BUTTON_ID}
          className="btn btn--block"
          openType="agreePrivacyAuthorization"
          onAgreePrivacyAuthorization={() => usePrivacy.getState().agree()}
        >
          {t('privacyAgree')}
        </Button>
        <Button className="btn btn--ghost btn--block" onClick={() => usePrivacy.getState().disagree()}>
          {t('privacyDisagree')}
        </Button>
      </View>
    </View>
  )
}
