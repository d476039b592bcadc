import { Button, Text, View } from '@tarojs/components'
import type { ShiftSummary } from '@contracts/volunteer'
import { useLocale, useT } from '@/core/i18n'
import { whenText } from '@/features/volunteer/format'
import { partsMessages } from './messages'

/** A shift in a list: the whole card is the tap target; staffing is told in words with a glyph. */
export function ShiftCard({ shift, extra, onTap }: { shift: ShiftSummary; extra?: string; onTap: () => void }) {
  const t = useT(partsMessages)
  const locale = useLocale()
  const missing = shift.capacity - shift.taken
  return (
    <Button className="vol-shift-card" onClick={onTap}>
      <View className="vol-shift-card__body">
        <Text className="vol-shift-card__title">{shift.title}</Text>
        <Text className="vol-shift-card__when">{whenText(locale, shift.startAt, shift.endAt)}</Text>
        <Text className="vol-shift-card__place">{`${shift.place}`}</Text>
        <Text className={`vol-shift-card__staff vol-shift-card__staff--${shift.staffing}`}>
          {`${t(`staff.${shift.staffing}`, { n: missing })} · ${t('places', { taken: shift.taken, capacity: shift.capacity })}${shift.waiting > 0 ? ` · ${t('waiting', { n: shift.waiting })}` : ''}`}
        </Text>
        {extra ? <Text className="vol-shift-card__extra">{extra}</Text> : null}
      </View>
      <Text className="vol-shift-card__chevron" aria-hidden="true">
        ›
      </Text>
    </Button>
  )
}
