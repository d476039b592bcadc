import { Text, View } from '@tarojs/components'
import { Icon } from '@/ui/Icon'
import { alert, info } from '@/ui/icons'

export type NoticeKind = 'ok' | 'error' | 'info' | 'warn'

const GLYPH: Record<NoticeKind, { text: string } | { icon: string }> = { ok: { text: '✓' }, error: { icon: alert }, info: { icon: info }, warn: { text: '!' } }

/** A status line told by a glyph and words, never by colour alone; shown in place, never as a pop-up. */
export function Notice({ kind, children }: { kind: NoticeKind; children: string }) {
  const glyph = GLYPH[kind]
  return (
    <View className={`vol-notice vol-notice--${kind}`} aria-live="polite">
      {'icon' in glyph ? (
        <View className="vol-notice__glyph" aria-hidden="true">
          <Icon shape={glyph.icon} />
        </View>
      ) : (
        <Text className="vol-notice__glyph" aria-hidden="true">
          {glyph.text}
        </Text>
      )}
      <Text className="vol-notice__text">{children}</Text>
    </View>
  )
}
