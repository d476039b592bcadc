import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import * as household from '@contracts/household'
import type { PendingHousehold } from '@contracts/household'
import { call } from '@/core/api'
import { dateTimeLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { useCloud } from '@/core/useCloud'
import { disabledIf } from '@/features/household/format'
import { messages } from '@/features/household/messages'
import { ErrorNotice, Notice } from '@/features/household/parts'
import { useSubmit } from '@/features/household/useSubmit'
import { useTitle } from '@/features/household/useTitle'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import './index.scss'

/** The 党总支's queue: applications oldest first; each decision is audited and written to the household's history. */
export default function ReviewPage() {
  const t = useT(messages)
  const locale = useLocale()
  useTitle(t('title_review'))
  const { data, error, loading, reload } = useCloud(household.queue, {})
  const [decided, setDecided] = useState<{ item: PendingHousehold; approved: boolean }[]>([])
  const submit = useSubmit()

  async function decide(item: PendingHousehold, approve: boolean) {
    const result = await submit.run(() => call(household.decide, { householdId: item.householdId, approve }))
    if (result) setDecided((current) => [{ item, approved: approve }, ...current])
  }

  if (error) return <Screen className="household-page"><StatusView kind="error" error={error} onRetry={error.code === 'FORBIDDEN' ? undefined : () => void reload()} /></Screen>
  if (loading || !data) return <Screen className="household-page"><StatusView kind="loading" /></Screen>
  const done = new Set(decided.map((entry) => entry.item.householdId))
  const waiting = data.filter((item) => !done.has(item.householdId))

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
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
        {waiting.length === 0 ? <Notice kind="info">{t('emptyQueue')}</Notice> : null}
        {waiting.map((item) => (
          <View key={item.householdId} className="card stack">
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
    </Screen>
  )
}
