import { Button, Text, View } from '@tarojs/components'
import { IconLine } from '@/ui/Icon'
import { alert, info } from '@/ui/icons'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { POLICY_VERSIONS } from '@contracts/model'
import * as service from '@contracts/service'
import type { Reading } from '@contracts/service'
import { chinaDay, chinaTime } from '@domain/time'
import { call, newRequestId } from '@/core/api'
import { useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { serviceErrorText } from '@/features/service/errors'
import { dayLabel } from '@/features/service/format'
import { serviceMessages } from '@/features/service/messages'
import { Trend } from '@/features/service/Trend'
import { isHigh } from '@/features/service/trend'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { PRIVACY_PAGE, StatusView } from '@/ui/StatusView'
import '@/features/service/service.scss'

/** The resident's own blood-pressure readings (sensitive, PIPL Art. 28): list, trend, delete. Nobody else sees them. */
export default function ReadingsPage() {
  const t = useT(serviceMessages)
  const me = useSession((state) => state.me)
  const { data, error, loading, reload } = useCloud(service.myReadings, {})
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('title.readings') }).catch(() => undefined)
    if (!useSession.getState().me) void useSession.getState().refresh()
  }, [t])
  const health = me?.consents.find((consent) => consent.purpose === 'health')
  const consented = Boolean(health?.granted && health.version === POLICY_VERSIONS.health)

  if (error) return <Screen><StatusView kind="error" error={error} onRetry={() => void reload()} /></Screen>
  if (loading && !data) return <Screen><StatusView kind="loading" /></Screen>
  const readings = data ?? []

  return (
    <Screen className="readings">
      <Text className="title">{t('title.readings')}</Text>
      <Text className="svc-muted">{`${t('readingsIntro')}`}</Text>
      <View className="card stack svc-gap">
        {consented ? <Text className="svc-note svc-note--ok">{`✓ ${t('healthOn')}`}</Text> : <IconLine shape={info} className="svc-note svc-note--warn">{t('needHealth')}</IconLine>}
        <Button className={`btn btn--block ${consented ? 'btn--ghost' : ''}`} onClick={() => void Taro.navigateTo({ url: PRIVACY_PAGE })}>
          {t('manageConsent')}
        </Button>
      </View>
      {readings.length === 0 ? <StatusView kind="empty" message={t('noReadings')} /> : null}
      {readings.length > 0 ? <Trend readings={readings} /> : null}
      {[...readings].reverse().map((reading) => (
        <ReadingRow key={reading.id} reading={reading} onDeleted={() => void reload()} />
      ))}
    </Screen>
  )
}

function ReadingRow({ reading, onDeleted }: { reading: Reading; onDeleted: () => void }) {
  const t = useT(serviceMessages)
  const tc = useT(common)
  const locale = useSettings((state) => state.locale)
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const taken = new Date(reading.takenAt)
  const high = isHigh(reading)

  async function remove() {
    setBusy(true)
    try {
      await call(service.deleteReading, { readingId: reading.id }, newRequestId())
      onDeleted()
    } catch (caught) {
      setProblem(serviceErrorText(t, tc, caught))
      setBusy(false)
    }
  }

  return (
    <View className="card" id={`reading-${reading.id}`}>
      <Text className="svc-reading__value">{t('value', { s: reading.systolic, d: reading.diastolic })}</Text>
      <Text className="svc-muted">{`${dayLabel(chinaDay(taken), locale)} ${chinaTime(taken)} · ${reading.place}${reading.pulse ? ` · ${t('pulseValue', { p: reading.pulse })}` : ''}`}</Text>
      <View className="svc-booking__status">
        <Text className={`tag ${high ? 'tag--warn' : 'tag--ok'}`}>{high ? `▲ ${t('above')}` : `✓ ${t('within')}`}</Text>
      </View>
      {!asking ? (
        <Button className="btn btn--ghost btn--block svc-gap" onClick={() => setAsking(true)}>
          {t('delete')}
        </Button>
      ) : null}
      {asking ? (
        <View className="svc-confirm stack">
          <Text>{t('deleteConfirm')}</Text>
          <Button className="btn btn--block" disabled={busy} onClick={() => void remove()}>
            {busy ? t('working') : t('deleteYes')}
          </Button>
          <Button className="btn btn--ghost btn--block" disabled={busy} onClick={() => setAsking(false)}>
            {t('cancelNo')}
          </Button>
        </View>
      ) : null}
      {problem ? <IconLine shape={alert} className="svc-note svc-note--error">{problem}</IconLine> : null}
    </View>
  )
}
