import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import * as household from '@contracts/household'
import type { PendingHousehold } from '@contracts/household'
import { call, CloudError } from '@/core/api'
import { dateTimeLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { disabledIf } from '@/features/household/format'
import { messages } from '@/features/household/messages'
import { ErrorNotice, Notice } from '@/features/household/parts'
import { useSubmit } from '@/features/household/useSubmit'
import { useTitle } from '@/ui/useTitle'
import { More } from '@/ui/More'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { usePages } from '@/ui/usePages'
import './index.scss'

/**
 * The 党总支's queue: applications oldest first, a page at a time; each decision is audited and written to the
 * household's history. After a decision the list starts again from the first page: the queue moved under the cursor.
 */
export default function ReviewPage() {
  const t = useT(messages)
  const locale = useLocale()
  useTitle(t('title_review'))
  const queue = usePages(household.queue, {})
  const { items, error, loading, reload } = queue
  const [decided, setDecided] = useState<{ item: PendingHousehold; approved: boolean }[]>([])
  const submit = useSubmit()

  async function decide(item: PendingHousehold, approve: boolean) {
    let stale = false
    const result = await submit.run(async () => {
      try {
        return await call(household.decide, { householdId: item.householdId, approve })
      } catch (caught) {
        stale = caught instanceof CloudError && caught.code === 'CONFLICT'
        throw caught
      }
    })
    if (result) setDecided((current) => [{ item, approved: approve }, ...current])
    // Decided here, or by another admin a moment ago: either way the list is out of date.
    if (result || stale) await reload()
  }

  if (error && !items) return <Screen className="household-page"><StatusView kind="error" error={error} onRetry={error.code === 'FORBIDDEN' ? undefined : () => void reload()} /></Screen>
  if (!items) return <Screen className="household-page"><StatusView kind="loading" /></Screen>
  const done = new Set(decided.map((entry) => entry.item.householdId))
  const waiting = items.filter((item) => !done.has(item.householdId))

  return (
    <Screen className="household-page household-review">
      <Text className="title">{t('title_review')}</Text>
      <Text className="muted">{t('reviewIntro')}</Text>
      <View className="stack household-review__list">
        {decided.map(({ item, approved }) => (
          <Notice key={item.householdId} kind={approved ? 'ok' : 'info'}>
            {t(approved ? 'approvedOne' : 'rejectedOne', { name: item.displayName })}
          </Notice>
        ))}
        {submit.error?.field === 'own_household' ? <Notice kind="error">{t('ownHousehold')}</Notice> : submit.error ? <ErrorNotice error={submit.error} /> : null}
        {error ? <ErrorNotice error={error} /> : null}
        {waiting.length === 0 && !queue.hasMore && !loading ? <Notice kind="info">{t('emptyQueue')}</Notice> : null}
        {waiting.map((item) => (
          <View key={item.householdId} className="card stack" id={`application-${item.householdId}`}>
            <Text className="household-header__name">{item.displayName}</Text>
            <Text>{t('where', { area: item.areaName, building: item.buildingName, unit: item.unit, room: item.room })}</Text>
            {item.intro ? <Text>{item.intro}</Text> : null}
            <Text className="muted">{t('applicant', { name: item.applicant })}</Text>
            <Text className="muted">{t('appliedAt', { time: dateTimeLabel(item.appliedAt, locale, { year: true }) })}</Text>
            <View className="household-actions">
              <Button className="btn" disabled={disabledIf(submit.busy)} onClick={() => void decide(item, true)}>
                {t('approve')}
              </Button>
              <Button className="btn btn--ghost" disabled={disabledIf(submit.busy)} onClick={() => void decide(item, false)}>
                {t('reject')}
              </Button>
            </View>
          </View>
        ))}
      </View>
      <More pages={queue} />
    </Screen>
  )
}
