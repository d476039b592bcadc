import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useT } from '@/core/i18n'
import { errorCode, errorKey } from './errors'
import { partsMessages } from './messages'
import './parts.scss'

export type NoticeKind = 'ok' | 'error' | 'info'

const GLYPH: Record<NoticeKind, string> = { ok: '✓', error: '⚠', info: 'ℹ' }

export const PRIVACY_URL = '/packages/account/privacy/index'

/** A status line that never relies on colour alone: a glyph and words. */
export function Notice({ kind, children }: { kind: NoticeKind; children: string }) {
  return (
    <View className={`notice notice--${kind}`} aria-live="polite">
      <Text className="notice__glyph" aria-hidden="true">
        {GLYPH[kind]}
      </Text>
      <Text className="notice__text">{children}</Text>
    </View>
  )
}

/** A failed call in plain words; the consent error gets a way to the privacy page instead of a retry. */
export function ErrorNotice({ error, onRetry, text }: { error: unknown; onRetry?: () => void; text?: string }) {
  const t = useT(partsMessages)
  const needsConsent = errorCode(error) === 'CONSENT_REQUIRED'
  return (
    <View className="stack">
      <Notice kind="error">{text ?? t(errorKey(error))}</Notice>
      {needsConsent ? (
        <Button className="btn btn--block" onClick={() => void Taro.navigateTo({ url: PRIVACY_URL })}>
          {t('openPrivacy')}
        </Button>
      ) : null}
      {onRetry && !needsConsent ? (
        <Button className="btn btn--ghost btn--block" onClick={onRetry}>
          {t('retry')}
        </Button>
      ) : null}
    </View>
  )
}

export function Loading() {
  const t = useT(partsMessages)
  return <Notice kind="info">{t('loading')}</Notice>
}
