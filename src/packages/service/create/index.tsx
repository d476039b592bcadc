import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { IconLine } from '@/ui/Icon'
import { alert } from '@/ui/icons'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import * as community from '@contracts/community'
import * as service from '@contracts/service'
import type { SessionScope, SessionSummary } from '@contracts/service'
import { evenSlots, nthOf, occurrences, slotProblem, type Recurrence } from '@domain/booking'
import { addDays, chinaDay } from '@domain/time'
import { call, newRequestId } from '@/core/api'
import { useT, type T } from '@/core/i18n'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { serviceErrorText } from '@/features/service/errors'
import { dayLabel, weekdayName } from '@/features/service/format'
import { serviceMessages, type ServiceKey } from '@/features/service/messages'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import '@/features/service/service.scss'
import '@/ui/forms.scss'

type Repeat = 'none' | 'weekly' | 'biweekly' | 'monthly'

interface ScopeOption {
  key: string
  scope: SessionScope
  label: string
}

function recurrence(repeat: Repeat, day: string, count: number): Recurrence {
  if (repeat === 'weekly' || repeat === 'biweekly') return { kind: 'weekly', every: repeat === 'weekly' ? 1 : 2, count }
  if (repeat === 'monthly') return { kind: 'monthly', ...nthOf(day), count }
  return { kind: 'none' }
}

function repeatLabel(t: T<ServiceKey>, repeat: Repeat, day: string, locale: Parameters<typeof weekdayName>[1]): string {
  const { nth, weekday } = nthOf(day)
  const name = weekdayName(weekday, locale)
  if (repeat === 'weekly') return t('repeat.weekly', { weekday: name })
  if (repeat === 'biweekly') return t('repeat.biweekly', { weekday: name })
  if (repeat === 'monthly') return t('repeat.monthly', { nth: t(`nth.${nth}`), weekday: name })
  return t('repeat.none')
}

/** The leader's form: one session or a series (every week, every other week, the nth weekday of each month). */
export default function CreatePage() {
  const t = useT(serviceMessages)
  const tc = useT(common)
  const locale = useSettings((state) => state.locale)
  const me = useSession((state) => state.me)
  const admin = me?.roles.some((role) => role.role === 'admin') ?? false
  const types = useCloud(service.listServiceTypes, {})
  const areas = useCloud(community.listAreas, admin ? {} : null)
  const tomorrow = addDays(chinaDay(new Date()), 1)

  const [typeId, setTypeId] = useState('')
  const [scopeKey, setScopeKey] = useState('')
  const [place, setPlace] = useState('')
  const [note, setNote] = useState('')
  const [day, setDay] = useState(tomorrow)
  const [firstStart, setFirstStart] = useState('09:00')
  const [minutes, setMinutes] = useState(30)
  const [count, setCount] = useState(4)
  const [capacity, setCapacity] = useState(5)
  const [opensDaysBefore, setOpensDaysBefore] = useState(7)
  const [cutoffHours, setCutoffHours] = useState(2)
  const [audience, setAudience] = useState<'scope' | 'community'>('scope')
  const [householdCap, setHouseholdCap] = useState(1)
  const [repeat, setRepeat] = useState<Repeat>('none')
  const [times, setTimes] = useState(3)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [created, setCreated] = useState<SessionSummary[] | null>(null)

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('title.create') }).catch(() => undefined)
  }, [t])

  const scopes: ScopeOption[] = [
    ...(me?.roles ?? []).filter((role) => role.role === 'building_leader').map((role) => ({ key: `building:${role.scope}`, scope: { kind: 'building', id: role.scope } as SessionScope, label: role.scopeName })),
    ...(admin ? (areas.data ?? []).map((area) => ({ key: `area:${area.id}`, scope: { kind: 'area', id: area.id } as SessionScope, label: area.name })) : []),
    ...(admin ? [{ key: 'community', scope: { kind: 'community' } as SessionScope, label: t('scope.community') }] : []),
  ]
  const chosenType = typeId || types.data?.[0]?.id || ''
  const chosenScope = scopes.find((option) => option.key === scopeKey) ?? scopes[0]
  const slots = evenSlots(firstStart, minutes, count)
  const rule = recurrence(repeat, day, times)
  const days = occurrences(day, rule)

  if (types.error) return <Screen><StatusView kind="error" error={types.error} onRetry={() => void types.reload()} /></Screen>
  if (!me || !types.data) return <Screen><StatusView kind="loading" /></Screen>
  if (scopes.length === 0) return <Screen><StatusView kind="error" error={{ code: 'FORBIDDEN' }} /></Screen>

  async function submit() {
    if (slotProblem(slots) || slots.length === 0) return setProblem(t('problemSlots'))
    setBusy(true)
    setProblem(null)
    try {
      const result = await call(
        service.createSessions,
        {
          typeId: chosenType,
          scope: chosenScope.scope,
          place: place.trim(),
          note: note.trim(),
          day,
          slots,
          capacity,
          opensDaysBefore,
          opensTime: '08:00',
          cancelCutoffMinutes: cutoffHours * 60,
          audience,
          householdCap,
          recurrence: rule,
        },
        newRequestId(),
      )
      setCreated(result)
    } catch (caught) {
      setProblem(caught instanceof Error && 'field' in caught && caught.field === 'day' ? t('problemPast') : serviceErrorText(t, tc, caught))
    } finally {
      setBusy(false)
    }
  }

  if (created) {
    return (
      <Screen className="create">
        <Text className="svc-note svc-note--ok">{`✓ ${t('created', { n: created.length })}`}</Text>
        {created.map((session) => (
          <Button key={session.id} className="btn btn--ghost btn--block svc-gap" onClick={() => void Taro.redirectTo({ url: `/packages/service/session/index?id=${session.id}` })}>
            {`${dayLabel(session.day, locale)} · ${t('openSession')}`}
          </Button>
        ))}
      </Screen>
    )
  }

  return (
    <Screen className="create">
      <Text className="title">{t('title.create')}</Text>

      <Text className="label">{t('field.type')}</Text>
      <View className="svc-choices">
        {types.data.map((type) => (
          <Choice key={type.id} on={type.id === chosenType} label={localized(type.name, locale)} onTap={() => setTypeId(type.id)} />
        ))}
      </View>

      <Text className="label">{t('field.scope')}</Text>
      <View className="svc-choices">
        {scopes.map((option) => (
          <Choice key={option.key} on={option.key === chosenScope.key} label={option.label} onTap={() => setScopeKey(option.key)} />
        ))}
      </View>

      <Text className="label">{t('field.place')}</Text>
      <Input className="field" value={place} maxlength={30} placeholder={t('placePlaceholder')} onInput={(event) => setPlace(event.detail.value)} />
      <Text className="label">{t('field.note')}</Text>
      <Input className="field" value={note} maxlength={60} onInput={(event) => setNote(event.detail.value)} />

      <Text className="label">{t('field.day')}</Text>
      <Picker mode="date" value={day} start={chinaDay(new Date())} onChange={(event) => setDay(String(event.detail.value))}>
        <View className="field svc-picker">
          <Text>{`${dayLabel(day, locale)}`}</Text>
          <Text aria-hidden="true">›</Text>
        </View>
      </Picker>
      <Text className="label">{t('field.firstStart')}</Text>
      <Picker mode="time" value={firstStart} onChange={(event) => setFirstStart(String(event.detail.value))}>
        <View className="field svc-picker">
          <Text>{`${firstStart}`}</Text>
          <Text aria-hidden="true">›</Text>
        </View>
      </Picker>

      <Text className="label">{t('field.slotMinutes')}</Text>
      <View className="svc-choices">
        {[20, 30, 60].map((value) => (
          <Choice key={value} on={minutes === value} label={t('minutes', { n: value })} onTap={() => setMinutes(value)} />
        ))}
      </View>
      <Stepper label={t('field.slotCount')} value={count} min={1} max={12} onChange={setCount} />
      <Stepper label={t('field.capacity')} value={capacity} min={1} max={200} onChange={setCapacity} />
      <Stepper label={t('field.opens')} value={opensDaysBefore} min={0} max={30} onChange={setOpensDaysBefore} show={(n) => t('days', { n })} />

      <Text className="label">{t('field.cutoff')}</Text>
      <View className="svc-choices">
        {[1, 2, 12, 24].map((value) => (
          <Choice key={value} on={cutoffHours === value} label={t('cutoffHours', { n: value })} onTap={() => setCutoffHours(value)} />
        ))}
      </View>

      <Text className="label">{t('field.audience')}</Text>
      <View className="svc-choices">
        <Choice on={audience === 'scope'} label={t('audience.scope')} onTap={() => setAudience('scope')} />
        <Choice on={audience === 'community'} label={t('audience.community')} onTap={() => setAudience('community')} />
      </View>
      <Stepper label={t('field.householdCap')} value={householdCap} min={1} max={10} onChange={setHouseholdCap} />

      <Text className="label">{t('field.repeat')}</Text>
      <View className="svc-choices">
        {(['none', 'weekly', 'biweekly', 'monthly'] as const).map((value) => (
          <Choice key={value} on={repeat === value} label={repeatLabel(t, value, day, locale)} onTap={() => setRepeat(value)} />
        ))}
      </View>
      {repeat !== 'none' ? <Stepper label={t('field.count')} value={times} min={2} max={12} onChange={setTimes} show={(n) => t('times', { n })} /> : null}

      <View className="card svc-gap">
        <Text className="subtitle">{t('preview')}</Text>
        {days.map((item) => (
          <Text key={item} className="svc-line">{`${dayLabel(item, locale)}`}</Text>
        ))}
        <Text className="svc-muted svc-gap">{slots.map((slot) => `${slot.start}–${slot.end}`).join('  ')}</Text>
      </View>

      {problem ? <IconLine shape={alert} className="svc-note svc-note--error">{problem}</IconLine> : null}
      <Button className="btn btn--block svc-gap" disabled={busy || !place.trim() || !chosenType} onClick={() => void submit()}>
        {busy ? t('working') : t('submit')}
      </Button>
    </Screen>
  )
}

function Choice({ on, label, onTap }: { on: boolean; label: string; onTap: () => void }) {
  return (
    <Button className={`btn btn--ghost svc-choice ${on ? 'svc-choice--on' : ''}`} aria-pressed={on} onClick={onTap}>
      {on ? `✓ ${label}` : label}
    </Button>
  )
}

function Stepper({ label, value, min, max, onChange, show }: { label: string; value: number; min: number; max: number; onChange: (value: number) => void; show?: (value: number) => string }) {
  const t = useT(serviceMessages)
  return (
    <View>
      <Text className="label">{label}</Text>
      <View className="svc-stepper">
        <Button className="btn btn--ghost" aria-label={t('less')} disabled={value <= min} onClick={() => onChange(Math.max(min, value - 1))}>
          −
        </Button>
        <Text className="svc-stepper__value">{show ? show(value) : value}</Text>
        <Button className="btn btn--ghost" aria-label={t('more')} disabled={value >= max} onClick={() => onChange(Math.min(max, value + 1))}>
          ＋
        </Button>
      </View>
    </View>
  )
}
