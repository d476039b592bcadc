import { Text } from '@tarojs/components'
import type { BookingStatus } from '@contracts/service'
import { useT } from '@/core/i18n'
import { IconLine } from '@/ui/Icon'
import { hourglass } from '@/ui/icons'
import { serviceMessages } from './messages'

/** Status in words with a glyph, so that it never depends on colour alone. */
const GLYPH: Record<BookingStatus, string> = { confirmed: '✓', waitlisted: '', attended: '✓', cancelled: '✕', no_show: '!' }
const TONE: Record<BookingStatus, string> = { confirmed: 'tag tag--ok', waitlisted: 'tag tag--warn', attended: 'tag tag--ok', cancelled: 'tag', no_show: 'tag tag--warn' }

export function StatusTag({ status, position }: { status: BookingStatus; position: number | null }) {
  const t = useT(serviceMessages)
  const words = t(`status.${status}`, { n: position ?? '' })
  // The waiting tag's hourglass is a drawing, so it goes beside the words (weapp draws nothing but text inside <text>).
  if (status === 'waitlisted') return <IconLine shape={hourglass} className={`${TONE[status]} svc-status`}>{words}</IconLine>
  return <Text className={`${TONE[status]} svc-status`}>{`${GLYPH[status]} ${words}`}</Text>
}
