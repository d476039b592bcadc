import { Button, Text, View } from '@tarojs/components'
import { useT } from '@/core/i18n'
import { common } from '@/ui/messages'
import { Icon } from '@/ui/Icon'
import { info } from '@/ui/icons'
import { PRIVACY_PAGE } from '@/ui/StatusView'
import { errorText } from '@/ui/text'
import { errorCode } from './errors'
import { openAccountPage } from './Overlays'
import './Notice.scss'

export type NoticeKind = 'ok' | 'error' | 'info' | 'warn'

const GLYPH: Record<NoticeKind, { text: string } | { icon: string }> = { ok: { text: '✓' }, error: { text: '!' }, info: { icon: info }, warn: { text: '●' } }

/** The answer to something the person just did, shown beside the button they tapped: a glyph and words, never colour alone. */
export function Notice({ kind, children }: { kind: NoticeKind; children: string }) {
  const glyph = GLYPH[kind]
  return (
    <View className={`notice notice--${kind}`} aria-live={kind === 'error' ? 'assertive' : 'polite'}>
      {'icon' in glyph ? (
        <View className="notice__glyph" aria-hidden="true">
          <Icon shape={glyph.icon} />
        </View>
      ) : (
        <Text className="notice__glyph" aria-hidden="true">
          {glyph.text}
        </Text>
      )}
      <Text className="notice__text">{children}</Text>
    </View>
  )
}

/**
 * A failed action in plain words (the page's own sentence when it has one, else the common one for the code).
 * Retrying cannot help a missing consent, so that error offers the privacy page instead.
 */
export function ErrorNotice({ error, text, privacyLink = true }: { error: unknown; text?: string; privacyLink?: boolean }) {
  const t = useT(common)
  const code = errorCode(error)
  return (
    <View className="stack">
      <Notice kind="error">{text ?? errorText(t, { code })}</Notice>
      {code === 'CONSENT_REQUIRED' && privacyLink ? (
        <Button className="btn btn--block" onClick={() => openAccountPage(PRIVACY_PAGE)}>
          {t('readPrivacy')}
        </Button>
      ) : null}
    </View>
  )
}
