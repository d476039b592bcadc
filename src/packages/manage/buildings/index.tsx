import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import * as admin from '@contracts/admin'
import type { OccupancyRow } from '@contracts/admin'
import * as community from '@contracts/community'
import type { Area } from '@contracts/model'
import { BUILDING_LIMITS, householdsIn, type ShapeField } from '@domain/admin'
import { call, newRequestId } from '@/core/api'
import { useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { useCloud } from '@/core/useCloud'
import { BigAction } from '@/ui/BigAction'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { accessOf } from '../access'
import { Bar } from '../parts/Bar'
import { disabledIf } from '@/ui/disabled'
import { More } from '@/ui/More'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { MANAGE_PAGES, withQuery } from '../parts/routes'
import { upload } from '../parts/icons'
import { usePages } from '@/ui/usePages'
import { useTitle } from '@/ui/useTitle'
import { buildingsMessages } from './messages'
import './index.scss'
import '../parts/parts.scss'
import '@/ui/forms.scss'

function OccupancyList({ input, showArea }: { input: { areaId?: string }; showArea: boolean }) {
  const t = useT(buildingsMessages)
  const pages = usePages(admin.occupancy, input)
  const open = (row: OccupancyRow) => void Taro.navigateTo({ url: withQuery(MANAGE_PAGES.residents, { id: row.building.id, name: `${row.areaName} ${row.building.name}` }) })
  return (
    <View>
      {pages.error ? <StatusView kind="error" error={pages.error} onRetry={() => void pages.reload()} /> : null}
      {pages.loading && !pages.items ? <StatusView kind="loading" /> : null}
      {pages.items && pages.items.length === 0 ? <StatusView kind="empty" message={showArea ? t('noBuildings') : t('empty')} /> : null}
      {pages.items?.map((row) => (
        <Button key={row.building.id} className="card buildings__row" id={`building-${row.building.id}`} onClick={() => open(row)}>
          <View className="row">
            <Text className="buildings__name">{showArea ? `${row.areaName} ${row.building.name}` : row.building.name}</Text>
            <Text className="choice__hint" aria-hidden="true">
              ›
            </Text>
          </View>
          <Text className="muted">{t('shape', { units: row.building.units, floors: row.building.floors, rooms: row.building.roomsPerFloor })}</Text>
          <Bar parts={[{ value: row.occupied, tone: 'ok' }]} max={row.households} label={t('occupancy', { households: row.households, occupied: row.occupied, verified: row.verified })} />
          {row.pending > 0 ? <Text className="tag tag--warn">{t('pending', { count: row.pending })}</Text> : null}
        </Button>
      ))}
      <More pages={pages} />
    </View>
  )
}

/** One "add" form's request: busy while it runs; then what it made (a text for the notice) or the error. */
function useAdd() {
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ ok: string } | { error: unknown } | null>(null)
  async function run(add: () => Promise<string>) {
    setBusy(true)
    setOutcome(null)
    try {
      setOutcome({ ok: await add() })
    } catch (error) {
      setOutcome({ error })
    } finally {
      setBusy(false)
    }
  }
  return { busy, outcome, run }
}

function AddArea({ onAdded }: { onAdded: () => void }) {
  const t = useT(buildingsMessages)
  const [name, setName] = useState('')
  const { busy, outcome, run } = useAdd()
  const create = () =>
    run(async () => {
      const area = await call(admin.createArea, { name }, newRequestId())
      setName('')
      onAdded()
      return area.name
    })
  return (
    <View className="card stack">
      <Text className="subtitle buildings__first">{t('addArea')}</Text>
      <Input className="field" value={name} maxlength={20} placeholder={t('areaPlaceholder')} aria-label={t('areaName')} onInput={(event) => setName(event.detail.value)} />
      {outcome && 'ok' in outcome ? <Notice kind="ok">{t('areaCreated', { name: outcome.ok })}</Notice> : null}
      {outcome && 'error' in outcome ? <ErrorNotice error={outcome.error} /> : null}
      <Button className="btn btn--block" disabled={disabledIf(busy || name.trim() === '')} onClick={() => void create()}>
        {busy ? t('creating') : t('create')}
      </Button>
    </View>
  )
}

const SHAPE_FIELDS: ShapeField[] = ['units', 'floors', 'roomsPerFloor']

function AddBuilding({ area, onAdded }: { area: Area; onAdded: () => void }) {
  const t = useT(buildingsMessages)
  const [name, setName] = useState('')
  const [shape, setShape] = useState<Record<ShapeField, string>>({ units: '1', floors: '6', roomsPerFloor: '2' })
  const { busy, outcome, run } = useAdd()
  const numbers = Object.fromEntries(SHAPE_FIELDS.map((field) => [field, Number(shape[field])])) as Record<ShapeField, number>
  const valid = (field: ShapeField) => Number.isInteger(numbers[field]) && numbers[field] >= BUILDING_LIMITS[field].min && numbers[field] <= BUILDING_LIMITS[field].max
  const ready = name.trim() !== '' && SHAPE_FIELDS.every(valid)

  const add = () =>
    run(async () => {
      const building = await call(admin.createBuilding, { areaId: area.id, name, ...numbers }, newRequestId())
      setName('')
      onAdded()
      return t('buildingCreated', { name: building.name, households: householdsIn(building) })
    })
  return (
    <View className="card stack">
      <Text className="subtitle buildings__first">{t('addBuilding')}</Text>
      <Text className="label">{t('buildingName')}</Text>
      <Input className="field" value={name} maxlength={20} placeholder={t('buildingPlaceholder')} aria-label={t('buildingName')} onInput={(event) => setName(event.detail.value)} />
      <View className="buildings__shape">
        {SHAPE_FIELDS.map((field) => (
          <View key={field} className="buildings__number">
            <Text className="label">{t(field)}</Text>
            <Input className="field" type="number" value={shape[field]} aria-label={t(field)} onInput={(event) => setShape({ ...shape, [field]: event.detail.value })} />
            {valid(field) ? null : <Text className="error-text">{`! ${t('range', BUILDING_LIMITS[field])}`}</Text>}
          </View>
        ))}
      </View>
      {outcome && 'ok' in outcome ? <Notice kind="ok">{outcome.ok}</Notice> : null}
      {outcome && 'error' in outcome ? <ErrorNotice error={outcome.error} /> : null}
      <Button className="btn btn--block" disabled={disabledIf(busy || !ready)} onClick={() => void add()}>
        {busy ? t('creating') : t('add')}
      </Button>
    </View>
  )
}

function AdminBuildings() {
  const t = useT(buildingsMessages)
  const [area, setArea] = useState<Area | null>(null)
  const [version, setVersion] = useState(0)
  const areas = useCloud(community.listAreas, area ? null : {})

  if (!area) {
    return (
      <View>
        <BigAction icon={upload} title={t('importDoor')} description={t('importHint')} onTap={() => void Taro.navigateTo({ url: MANAGE_PAGES.import })} />
        <Text className="subtitle">{t('areasTitle')}</Text>
        {areas.error ? <StatusView kind="error" error={areas.error} onRetry={() => void areas.reload()} /> : null}
        {areas.loading && !areas.data ? <StatusView kind="loading" /> : null}
        {areas.data?.map((item) => (
          <Button key={item.id} className="choice" id={`area-${item.id}`} onClick={() => setArea(item)}>
            <Text>{item.name}</Text>
            <Text className="choice__hint">{`${t('buildingCount', { count: item.buildingCount })} ›`}</Text>
          </Button>
        ))}
        <AddArea onAdded={() => void areas.reload()} />
      </View>
    )
  }
  return (
    <View>
      <View className="row">
        <Text className="subtitle">{t('buildingsIn', { area: area.name })}</Text>
        <Button className="btn btn--quiet buildings__back" onClick={() => setArea(null)}>
          {t('allAreas')}
        </Button>
      </View>
      <OccupancyList key={`${area.id}:${version}`} input={{ areaId: area.id }} showArea={false} />
      <AddBuilding area={area} onAdded={() => setVersion(version + 1)} />
    </View>
  )
}

export default function BuildingsPage() {
  const t = useT(buildingsMessages)
  useTitle(t('title'))
  const me = useSession((state) => state.me)

  useEffect(() => {
    if (!useSession.getState().me) void useSession.getState().refresh()
  }, [])

  if (!me) {
    return (
      <Screen>
        <StatusView kind="loading" />
      </Screen>
    )
  }
  const access = accessOf(me.roles)
  return (
    <Screen className="buildings">
      <Text className="title">{t('title')}</Text>
      <Text className="muted buildings__intro">{t('intro')}</Text>
      {access.admin ? (
        <AdminBuildings />
      ) : (
        <View>
          <Text className="subtitle">{t('myBuildings')}</Text>
          <OccupancyList input={{}} showArea />
        </View>
      )}
    </Screen>
  )
}
