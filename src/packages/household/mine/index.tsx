import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import * as household from '@contracts/household'
import type { MyHousehold } from '@contracts/household'
import { useT } from '@/core/i18n'
import { useCloud } from '@/core/useCloud'
import { HOUSEHOLD_PAGES } from '@/features/household/badges'
import { messages } from '@/features/household/messages'
import { replaceHome } from '@/features/household/model'
import { Notice, Timeline } from '@/features/household/parts'
import { useTitle } from '@/ui/useTitle'
import { Screen } from '@/ui/Screen'
import { SectionTitle } from '@/ui/SectionTitle'
import { StatusView } from '@/ui/StatusView'
import { History } from './History'
import { Pledges } from './Pledges'
import { Profile } from './Profile'
import { Publish } from './Publish'
import { Record } from './Record'
import './index.scss'

/** The household's own page: status, the separate consent and one-tap withdrawal, pledges, fulfilment, history. */
export default function MinePage() {
  const t = useT(messages)
  useTitle(t('title_mine'))
  const { data, error, loading, reload } = useCloud(household.mine, {})
  // Each action answers with the household's fresh state; it replaces what was loaded.
  const [homes, setHomes] = useState<MyHousehold[] | null>(null)
  useEffect(() => setHomes(null), [data])
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current) void reload()
    shownBefore.current = true
  })

  const list = homes ?? data
  if (error) return <Screen className="household-page"><StatusView kind="error" error={error} onRetry={() => void reload()} /></Screen>
  if (loading && !list) return <Screen className="household-page"><StatusView kind="loading" /></Screen>
  if (!list) return <Screen className="household-page"><StatusView kind="loading" /></Screen>
  if (list.length === 0) {
    return (
      <Screen className="household-page">
        <StatusView kind="empty" message={t('noHomes')} action={{ label: t('bindHome'), onTap: () => void Taro.navigateTo({ url: '/packages/account/join/index' }) }} />
      </Screen>
    )
  }
  const change = (next: MyHousehold) => setHomes(replaceHome(list, next))
  return (
    <Screen className="household-page household-mine">
      {list.map((home) => (
        <Home key={home.householdId} home={home} onChange={change} />
      ))}
    </Screen>
  )
}

function Home({ home, onChange }: { home: MyHousehold; onChange: (next: MyHousehold) => void }) {
  const t = useT(messages)
  const where = t('where', { area: home.areaName, building: home.buildingName, unit: home.unit, room: home.room })
  const applyUrl = `${HOUSEHOLD_PAGES.apply}?home=${encodeURIComponent(home.householdId)}`
  const { party } = home
  return (
    <View className="household-mine__home">
      <Text className="title">{party ? party.displayName : where}</Text>
      {party ? <Text className="muted household-mine__where">{where}</Text> : null}
      {!party ? (
        <View className="card stack">
          <Notice kind="info">{t('notApplied')}</Notice>
          <Button className="btn btn--block" onClick={() => void Taro.navigateTo({ url: applyUrl })}>
            {t('apply')}
          </Button>
        </View>
      ) : (
        <View>
          <View className="card stack">
            <Notice kind={party.status === 'verified' ? 'ok' : party.status === 'pending' ? 'info' : 'error'}>{t(`status_${party.status}`)}</Notice>
            {party.status === 'pending' ? <Text className="muted">{t('notVerifiedYet')}</Text> : null}
            {party.status === 'rejected' ? (
              <Button className="btn btn--ghost btn--block" onClick={() => void Taro.navigateTo({ url: applyUrl })}>
                {t('reapply')}
              </Button>
            ) : null}
          </View>
          {party.status === 'verified' ? (
            <View>
              <Publish home={home} party={party} onChange={onChange} />
              <Profile home={home} party={party} onChange={onChange} />
              <Pledges home={home} party={party} onChange={onChange} />
              <Record home={home} party={party} onChange={onChange} />
              <SectionTitle title={t('timeline')} />
              <Timeline entries={party.timeline} onThank={null} />
            </View>
          ) : null}
          <History changes={party.history} />
        </View>
      )}
    </View>
  )
}
