import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import * as community from '@contracts/community'
import type { ResidencySummary } from '@contracts/model'
import { useT, type T } from '@/core/i18n'
import { hasAgreed, useSession } from '@/core/session'
import { useCloud } from '@/core/useCloud'
import { Screen } from '@/ui/Screen'
import { PRIVACY_PAGE, StatusView } from '@/ui/StatusView'
import { goNext, safeNext, withNext } from '@/ui/next'
import { Notice } from '@/ui/Notice'
import { useTitle } from '@/ui/useTitle'
import { joinMessages, type JoinKey } from './messages'
import { backTo, chooseBuilding, floorsOf, stepOf, unitsOf, type Choice, type Step } from './steps'
import { Verify, type DoneKind } from './Verify'
import './index.scss'
import '../../../ui/choice.scss'

/** Requests to join the person's own verified homes, which they decide as a member of the family. */
export const REQUESTS_PAGE = '/packages/account/requests/index'

function addressOf(t: T<JoinKey>, home: Pick<ResidencySummary, 'areaName' | 'buildingName' | 'unit' | 'room'>): string {
  return t('address', { area: home.areaName, building: home.buildingName, unit: home.unit, room: home.room })
}

export default function JoinPage() {
  const t = useT(joinMessages)
  useTitle(t('title'))
  const me = useSession((state) => state.me)
  const [choice, setChoice] = useState<Choice>({})
  const [done, setDone] = useState<{ kind: DoneKind; home: ResidencySummary } | null>(null)
  const step = stepOf(choice)
  // The page a newcomer opened (a shared card) before agreeing and joining: where a join brings them.
  const next = safeNext(useRouter().params.next)

  useEffect(() => {
    if (!useSession.getState().me) void useSession.getState().refresh()
  }, [])

  async function finish(kind: DoneKind, home: ResidencySummary) {
    setDone({ kind, home })
    await useSession.getState().refresh()
    if (kind === 'joined' && next) await goNext(next).catch(() => undefined)
  }

  if (done) {
    return (
      <Screen className="join">
        <Text className="title">{t('title')}</Text>
        <View className="card stack">
          {done.kind === 'pending' ? (
            <View className="stack" id="join-pending">
              <Text className="subtitle join__first">{t('pendingTitle')}</Text>
              <Notice kind="info">{t('pending', { address: addressOf(t, done.home) })}</Notice>
              <Text className="muted">{t('pendingWho')}</Text>
            </View>
          ) : (
            <Notice kind="ok">{t(done.kind, { address: addressOf(t, done.home) })}</Notice>
          )}
          {next ? (
            <Button className="btn btn--block" onClick={() => void goNext(next)}>
              {t('toShared')}
            </Button>
          ) : null}
          {done.kind === 'joined' ? (
            <Button className={`btn btn--block ${next ? 'btn--ghost' : ''}`} onClick={() => void Taro.switchTab({ url: '/pages/building/index' })}>
              {t('toBuilding')}
            </Button>
          ) : null}
          <Button className="btn btn--ghost btn--block" onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
            {t('toMe')}
          </Button>
        </View>
      </Screen>
    )
  }

  const homes = me?.residencies.filter((home) => home.status !== 'left') ?? []
  return (
    <Screen className="join">
      <Text className="title">{t('title')}</Text>
      <Text className="muted join__intro">{t('intro')}</Text>

      {me && !hasAgreed(me) ? (
        <View className="card stack">
          <Notice kind="info">{t('needConsent')}</Notice>
          <Button className="btn btn--block" onClick={() => void Taro.navigateTo({ url: withNext(PRIVACY_PAGE, next) })}>
            {t('openPrivacy')}
          </Button>
        </View>
      ) : null}

      {homes.length > 0 ? (
        <View className="card">
          <Text className="subtitle join__first">{t('mine')}</Text>
          {homes.map((home) => (
            <View key={home.id} className="row join__home">
              <Text>{addressOf(t, home)}</Text>
              <Text className={home.status === 'verified' ? 'tag tag--ok' : 'tag tag--warn'}>{t(`status_${home.status}`)}</Text>
            </View>
          ))}
          {homes.some((home) => home.status === 'verified') ? (
            <Button className="btn btn--ghost btn--block join__requests" onClick={() => void Taro.navigateTo({ url: REQUESTS_PAGE })}>
              {t('openRequests')}
            </Button>
          ) : null}
        </View>
      ) : null}

      <Chosen choice={choice} step={step} onChange={(target) => setChoice(backTo(choice, target))} />

      <Text className="subtitle">{t(`step_${step}`)}</Text>
      {step === 'area' ? <AreaStep onPick={(area) => setChoice({ area })} /> : null}
      {step === 'building' && choice.area ? (
        <BuildingStep areaId={choice.area.id} onPick={(building) => setChoice(chooseBuilding(choice, building))} />
      ) : null}
      {step === 'unit' && choice.building ? <UnitStep units={unitsOf(choice.building)} onPick={(unit) => setChoice({ ...choice, unit })} /> : null}
      {step === 'room' && choice.building && choice.unit ? (
        <RoomStep buildingId={choice.building.id} unit={choice.unit} onPick={(room) => setChoice({ ...choice, room })} />
      ) : null}
      {step === 'verify' && choice.area && choice.building && choice.room ? (
        <Verify
          householdId={choice.room.householdId}
          address={addressOf(t, { areaName: choice.area.name, buildingName: choice.building.name, unit: choice.room.unit, room: choice.room.room })}
          onDone={(kind, home) => void finish(kind, home)}
        />
      ) : null}
    </Screen>
  )
}

/** What has been chosen so far, each with a way back to change it. */
function Chosen({ choice, step, onChange }: { choice: Choice; step: Step; onChange: (step: Step) => void }) {
  const t = useT(joinMessages)
  const rows: { step: Step; label: string; value: string }[] = []
  if (choice.area) rows.push({ step: 'area', label: t('label_area'), value: choice.area.name })
  if (choice.building) rows.push({ step: 'building', label: t('label_building'), value: choice.building.name })
  if (choice.unit && choice.building && choice.building.units > 1) rows.push({ step: 'unit', label: t('label_unit'), value: t('unit', { unit: choice.unit }) })
  if (choice.room) rows.push({ step: 'room', label: t('label_room'), value: t('room', { room: choice.room.room }) })
  if (rows.length === 0 || step === 'area') return null
  return (
    <View className="card join__chosen">
      {rows.map((row) => (
        <View key={row.step} className="row join__chosen-row">
          <View className="join__chosen-text">
            <Text className="muted">{row.label}</Text>
            <Text className="join__chosen-value">{row.value}</Text>
          </View>
          <Button className="btn btn--quiet join__change" onClick={() => onChange(row.step)} aria-label={`${t('change')} ${row.label}`}>
            {t('change')}
          </Button>
        </View>
      ))}
    </View>
  )
}

function AreaStep({ onPick }: { onPick: (area: NonNullable<Choice['area']>) => void }) {
  const t = useT(joinMessages)
  const { data, error, loading, reload } = useCloud(community.listAreas, {})
  if (error) return <StatusView kind="error" error={error} onRetry={() => void reload()} />
  if (loading || !data) return <StatusView kind="loading" />
  if (data.length === 0) return <StatusView kind="empty" message={t('emptyAreas')} />
  return (
    <View>
      {data.map((area) => (
        <Button key={area.id} className="choice" onClick={() => onPick(area)}>
          <Text>{area.name}</Text>
          <Text className="choice__hint">{t('buildingCount', { count: area.buildingCount })} ›</Text>
        </Button>
      ))}
    </View>
  )
}

function BuildingStep({ areaId, onPick }: { areaId: string; onPick: (building: NonNullable<Choice['building']>) => void }) {
  const t = useT(joinMessages)
  const { data, error, loading, reload } = useCloud(community.listBuildings, { areaId })
  if (error) return <StatusView kind="error" error={error} onRetry={() => void reload()} />
  if (loading || !data) return <StatusView kind="loading" />
  if (data.length === 0) return <StatusView kind="empty" message={t('emptyBuildings')} />
  return (
    <View>
      {data.map((building) => (
        <Button key={building.id} className="choice" onClick={() => onPick(building)}>
          <Text>{building.name}</Text>
          <Text className="choice__hint">{t('buildingShape', { units: building.units, floors: building.floors })} ›</Text>
        </Button>
      ))}
    </View>
  )
}

function UnitStep({ units, onPick }: { units: number[]; onPick: (unit: number) => void }) {
  const t = useT(joinMessages)
  return (
    <View className="join__grid">
      {units.map((unit) => (
        <Button key={unit} className="choice join__cell" onClick={() => onPick(unit)}>
          {t('unit', { unit })}
        </Button>
      ))}
    </View>
  )
}

function RoomStep({ buildingId, unit, onPick }: { buildingId: string; unit: number; onPick: (room: NonNullable<Choice['room']>) => void }) {
  const t = useT(joinMessages)
  const { data, error, loading, reload } = useCloud(community.listRooms, { buildingId, unit })
  if (error) return <StatusView kind="error" error={error} onRetry={() => void reload()} />
  if (loading || !data) return <StatusView kind="loading" />
  return (
    <View>
      {floorsOf(data).map(({ floor, rooms }) => (
        <View key={floor} className="join__floor">
          <Text className="join__floor-name">{t('floor', { floor })}</Text>
          <View className="join__grid">
            {rooms.map((room) => (
              <Button key={room.householdId} className="choice join__cell" onClick={() => onPick(room)}>
                {room.room}
              </Button>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}
