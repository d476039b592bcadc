import { Text } from '@tarojs/components'
import type { BookingStatus } from '@contracts/service'
import { useT } from '@/core/i18n'
import { Icon } from '@/ui/Icon'
import { hourglass } from '@/ui/icons'
import { serviceMessages } from './messages'

/** Status in words with a glyph, so that it never depends on colour alone. */
const GLYPH: Record<BookingStatus, string> = { confirmed: '✓', waitlisted: '', attended: '✓', cancelled: '✕', no_show: '!' }
const TONE: Record<BookingStatus, string> = { confirmed: 'tag tag--ok', waitlisted: 'tag tag--warn', attended: 'tag tag--ok', cancelled: 'tag', no_show: 'tag tag--warn' }

export function StatusTag({ status, position }: { status: BookingStatus; position: number | null }) {
  const t = useT(serviceMessages)
  return (
    <Text className={`${TONE[status]} svc-status`}>
      {status === 'waitlisted' ? <Icon shape={hourglass} /> : GLYPH[status]} {t(`status.${status}`, { n: position ?? '' })}
    </Text>
  )
}
