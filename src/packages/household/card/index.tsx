import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import * as household from '@contracts/household'
import type { FulfilmentEntry } from '@contracts/household'
import { call, CloudError } from '@/core/api'
import { useT } from '@/core/i18n'
import { useCloud } from '@/core/useCloud'
import { HOUSEHOLD_PAGES } from '@/features/household/badges'
import { messages } from '@/features/household/messages'
import { ErrorNotice, PledgeList, Timeline, type ThankState } from '@/features/household/parts'
import { useTitle } from '@/ui/useTitle'
import { Screen } from '@/ui/Screen'
import { SectionTitle } from '@/ui/SectionTitle'
import { StatusView } from '@/ui/StatusView'

/** A party-member household's card, as its neighbours see it: name, badge, introduction, pledges, fulfilment, thanks. */
export default function CardPage() {
  const t = useT(messages)
  useTitle(t('title_card'))
  const id = useRouter().params.id ?? ''
  const { data, error, loading, reload } = useCloud(household.viewCard, id ? { householdId: id } : null)
  const [overlay, setOverlay] = useState<Record<string, ThankState>>({})
  const [thankError, setThankError] = useState<CloudError | null>(null)

  async function thank(entry: FulfilmentEntry) {
    setThankError(null)
    setOverlay((current) => ({ ...current, [entry.id]: { thanks: entry.thanks, thankedByMe: false, busy: true } }))
    try {
      const result = await call(household.thank, { entryId: entry.id })
      setOverlay((current) => ({ ...current, [entry.id]: { thanks: result.thanks, thankedByMe: true, busy: false } }))
    } catch (caught) {
      setOverlay((current) => ({ ...current, [entry.id]: { thanks: entry.thanks, thankedByMe: entry.thankedByMe, busy: false } }))
      setThankError(caught instanceof CloudError ? caught : new CloudError('INTERNAL', String(caught)))
    }
  }

  if (!id) return <Screen className="household-page"><StatusView kind="error" error={{ code: 'NOT_FOUND' }} /></Screen>
  if (error) return <Screen className="household-page"><StatusView kind="error" error={error} onRetry={() => void reload()} /></Screen>
  if (loading || !data) return <Screen className="household-page"><StatusView kind="loading" /></Screen>

  return (
    <Screen className="household-page household-card">
      <View className="card household-header">
        <Text className="household-header__badge">{t('badgeFull')}</Text>
        <Text className="household-header__name">{data.displayName}</Text>
        <Text className="household-header__where">{t('where', { area: data.areaName, building: data.buildingName, unit: data.unit, room: data.room })}</Text>
        {data.intro ? <Text className="household-header__intro">{data.intro}</Text> : null}
      </View>
      {data.isMine && !data.shown ? <Text className="muted">{t('notShownOwn')}</Text> : null}
      {data.isMine ? (
        <Button className="btn btn--ghost btn--block" onClick={() => void Taro.navigateTo({ url: HOUSEHOLD_PAGES.mine })}>
          {`${t('manageMine')} ›`}
        </Button>
      ) : null}

      <SectionTitle title={t('pledges')} />
      <View className="card">
        <PledgeList pledges={data.pledges} />
      </View>

      <SectionTitle title={t('timeline')} />
      {thankError ? <ErrorNotice error={thankError} /> : null}
      <Timeline entries={data.timeline} more={data.more} overlay={overlay} onThank={data.isMine ? null : (entry) => void thank(entry)} />
    </Screen>
  )
}
