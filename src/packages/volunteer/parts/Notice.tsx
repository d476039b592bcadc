import { Text, View } from '@tarojs/components'

export type NoticeKind = 'ok' | 'error' | 'info' | 'warn'

const GLYPH: Record<NoticeKind, string> = { ok: '✓', error: '⚠', info: 'ℹ', warn: '!' }

/** A status line told by a glyph and words, never by colour alone; shown in place, never as a pop-up. */
export function Notice({ kind, children }: { kind: NoticeKind; children: string }) {
  return (
    <View className={`vol-notice vol-notice--${kind}`} aria-live="polite">
      <Text className="vol-notice__glyph" aria-hidden="true">
        {GLYPH[kind]}
      </Text>
      <Text className="vol-notice__text">{children}</Text>
    </View>
  )
}
