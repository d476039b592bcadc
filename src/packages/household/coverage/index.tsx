import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import * as household from '@contracts/household'
import type { Coverage } from '@contracts/household'
import { call } from '@/core/api'
import { useT } from '@/core/i18n'
import { useCloud } from '@/core/useCloud'
import { HOUSEHOLD_PAGES } from '@/features/household/badges'
import { CATEGORY_GLYPHS, categoryKey, disabledIf } from '@/features/household/format'
import { messages } from '@/features/household/messages'
import { ErrorNotice } from '@/features/household/parts'
import { useSubmit } from '@/features/household/useSubmit'
import { useTitle } from '@/ui/useTitle'
import { Screen } from '@/ui/Screen'
import { SectionTitle } from '@/ui/SectionTitle'
import { StatusView } from '@/ui/StatusView'
import './index.scss'

/** For admins: how many households are verified and shown per building, pledge activity, and the visibility setting. */
export default function CoveragePage() {
  const t = useT(messages)
  useTitle(t('title_coverage'))
  const { data, error, loading, reload } = useCloud(household.coverage, {})
  const [areas, setAreas] = useState<Coverage['areas'] | null>(null)
  const submit = useSubmit()

  if (error) return <Screen className="household-page"><StatusView kind="error" error={error} onRetry={error.code === 'FORBIDDEN' ? undefined : () => void reload()} /></Screen>
  if (loading || !data) return <Screen className="household-page"><StatusView kind="loading" /></Screen>
  const areaList = areas ?? data.areas

  async function toggle(area: Coverage['areas'][number]) {
    const next = await submit.run(() => call(household.setAreaWide, { areaId: area.id, areaWide: !area.areaWide }))
    if (next) setAreas(areaList.map((item) => (item.id === next.id ? next : item)))
  }

  return (
    <Screen className="household-page household-coverage">
      <Text className="title">{t('title_coverage')}</Text>
      <View className="card stack">
        <Text className="household-coverage__total">{t('totals', data.totals)}</Text>
        {data.totals.pending > 0 ? (
          <Button className="btn btn--ghost btn--block" onClick={() => void Taro.navigateTo({ url: HOUSEHOLD_PAGES.review })}>
            {`${t('pendingCount', { count: data.totals.pending })} · ${t('openQueue')} ›`}
          </Button>
        ) : null}
      </View>

      <SectionTitle title={t('perBuilding')} />
      <View className="card household-coverage__rows">
        {data.buildings.map((row) => (
          <View key={row.buildingId} className="household-coverage__row">
            <Text className="household-coverage__name">{t('buildingRow', { area: row.areaName, building: row.buildingName })}</Text>
            <Text>{t('rowNumbers', { shown: row.shown, verified: row.verified, households: row.households })}</Text>
            {row.pending > 0 ? <Text className="household-tag">{`${t('rowPending', { count: row.pending })}`}</Text> : null}
          </View>
        ))}
      </View>

      <SectionTitle title={t('activity')} />
      <View className="card stack">
        <Text className="label">{t('activePledges')}</Text>
        {data.activity.activePledges.map((row) => (
          <Text key={row.category}>{t('pledgeRow', { category: `${CATEGORY_GLYPHS[row.category]} ${t(categoryKey(row.category))}`, count: row.count })}</Text>
        ))}
        <Text>{t('entries30d', { count: data.activity.entries30d, evidenced: data.activity.evidenced30d })}</Text>
        <Text>{t('thanks30d', { count: data.activity.thanks30d })}</Text>
      </View>

      <SectionTitle title={t('areaWide')} />
      <View className="card stack">
        <Text className="muted">{t('areaWideHint')}</Text>
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
        {areaList.map((area) => (
          <View key={area.id} className="household-coverage__area">
            <Text className="household-coverage__name">{area.name}</Text>
            <Text>{area.areaWide ? t('areaWideOn') : t('areaWideOff')}</Text>
            <Button className="btn btn--ghost" disabled={disabledIf(submit.busy)} onClick={() => void toggle(area)}>
              {area.areaWide ? t('narrow') : t('widen')}
            </Button>
          </View>
        ))}
      </View>
    </Screen>
  )
}
