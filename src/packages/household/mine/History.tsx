import { Text, View } from '@tarojs/components'
import type { HouseholdChange } from '@contracts/household'
import { dateTimeLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { actionKey } from '@/features/household/format'
import { messages } from '@/features/household/messages'
import { SectionTitle } from '@/ui/SectionTitle'

/** Every change to the household's record, newest first: who (the household or the community) did what, when. */
export function History({ changes }: { changes: HouseholdChange[] }) {
  const t = useT(messages)
  const locale = useLocale()
  if (changes.length === 0) return null
  return (
    <View>
      <SectionTitle title={t('history')} />
      <View className="card household-mine__history">
        {changes.map((change) => (
          <Text key={change.id} className="household-mine__change">
            {`${dateTimeLabel(change.at, locale, { year: true })} · ${t(`by_${change.by}`)} · ${t(actionKey(change.action))}`}
          </Text>
        ))}
      </View>
    </View>
  )
}
