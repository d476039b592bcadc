import { Button, Input, Text, View } from '@tarojs/components'
import { IconLine } from '@/ui/Icon'
import { alert } from '@/ui/icons'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import * as service from '@contracts/service'
import type { Roster, RosterEntry } from '@contracts/service'
import { chinaTime } from '@domain/time'
import { call, CloudError, newRequestId } from '@/core/api'
import { useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { serviceErrorText } from '@/features/service/errors'
import { friendlyDay, timeRange } from '@/features/service/format'
import { serviceMessages } from '@/features/service/messages'
import { StatusTag } from '@/features/service/StatusTag'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import '@/features/service/service.scss'
import '@/ui/forms.scss'

type Outcome = { kind: 'ok' | 'error'; text: string } | null

/** What the last action did: a success carries its ✓ in the words, a failure the alert icon beside them. */
function OutcomeNote({ outcome }: { outcome: NonNullable<Outcome> }) {
  return (
    <View aria-live="polite">
      {outcome.kind === 'ok' ? <Text className="svc-note svc-note--ok">{outcome.text}</Text> : <IconLine shape={alert} className="svc-note svc-note--error">{outcome.text}</IconLine>}
    </View>
  )
}

/** The provider's page on the day: check people in (scan or type the code, or tap the roster), 代预约, readings, close. */
export default function RosterPage() {
  const t = useT(serviceMessages)
  const tc = useT(common)
  const locale = useSettings((state) => state.locale)
  const id = useRouter().params.id ?? ''
  const { data, error, loading, reload } = useCloud(service.getRoster, id ? { sessionId: id } : null)
  const [code, setCode] = useState('')
  const [outcome, setOutcome] = useState<Outcome>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('title.roster') }).catch(() => undefined)
  }, [t])

  if (!id) return <Screen><StatusView kind="error" error={{ code: 'NOT_FOUND' }} /></Screen>
  if (error) return <Screen><StatusView kind="error" error={error} onRetry={() => void reload()} /></Screen>
  if (loading && !data) return <Screen><StatusView kind="loading" /></Screen>
  if (!data) return <Screen><StatusView kind="loading" /></Screen>
  const roster: Roster = data

  function checkInError(caught: unknown): string {
    if (caught instanceof CloudError) {
      if (caught.code === 'CODE_INVALID') return caught.field === 'sessionId' ? t('codeOther') : t('codeUnknown')
      if (caught.field === 'waitlisted') return t('waitlistedNo')
      if (caught.field === 'sessionId' && caught.code === 'CONFLICT') return t('notToday')
    }
    return serviceErrorText(t, tc, caught)
  }

  async function checkIn(text: string, undo = false) {
    setBusy(true)
    setOutcome(null)
    try {
      const entry = await call(service.checkIn, { sessionId: roster.session.id, code: text, undo }, newRequestId())
      // A second scan of the same code (or a retry) is answered as it stands: say so rather than claim a new check-in.
      setOutcome({ kind: 'ok', text: `✓ ${t(undo ? 'undone' : entry.already ? 'alreadyCheckedIn' : 'checkedIn', { name: entry.name })} (${entry.code})` })
      setCode('')
      await reload()
    } catch (caught) {
      setOutcome({ kind: 'error', text: checkInError(caught) })
    } finally {
      setBusy(false)
    }
  }

  async function scan() {
    try {
      const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await checkIn(result.result)
    } catch {
      // The person closed the scanner: nothing to say.
    }
  }

  const counts = roster.slots.reduce(
    (sum, { entries }) => {
      for (const entry of entries) {
        if (entry.status === 'attended') sum.attended++
        if (entry.status === 'confirmed') sum.confirmed++
        if (entry.status === 'waitlisted') sum.waiting++
      }
      return sum
    },
    { attended: 0, confirmed: 0, waiting: 0 },
  )
  const open = roster.session.status === 'open'

  return (
    <Screen className="roster">
      <Text className="title">{`${localized(roster.session.type.name, locale)} · ${friendlyDay(roster.session.day, locale)}`}</Text>
      <Text className="svc-muted">{`${roster.session.place} · ${roster.session.scopeName}`}</Text>
      <Text className="svc-line svc-gap">{t('counts', counts)}</Text>
      {!open ? <IconLine shape={alert} className="svc-note svc-note--warn">{t('refuse.closed')}</IconLine> : null}

      {open ? (
        <View className="card stack">
          {process.env.TARO_ENV === 'weapp' ? (
            <Button className="btn btn--block" disabled={busy} onClick={() => void scan()}>
              {`${t('scan')}`}
            </Button>
          ) : null}
          <Text className="label">{t('typeCode')}</Text>
          <Input className="field svc-code-input" id="checkin-code" value={code} placeholder={t('codePlaceholder')} maxlength={20} onInput={(event) => setCode(event.detail.value)} />
          <Button className="btn btn--block" id="checkin-submit" disabled={busy || code.trim() === ''} onClick={() => void checkIn(code)}>
            {`✓ ${t('checkIn')}`}
          </Button>
          {outcome ? <OutcomeNote outcome={outcome} /> : null}
        </View>
      ) : null}

      {roster.slots.map(({ slot, entries }) => (
        <View key={slot.id} className="card">
          <Text className="subtitle">{`${slot.letter} · ${timeRange(slot.start, slot.end, locale)} · ${slot.confirmed}/${slot.capacity}`}</Text>
          {entries.length === 0 ? <Text className="svc-muted">{t('noBookings')}</Text> : null}
          {entries.map((entry) => (
            <Entry key={entry.bookingId} entry={entry} sensitive={roster.sensitive} open={open} busy={busy} onCheckIn={(undo) => void checkIn(entry.code, undo)} onSaved={() => void reload()} />
          ))}
        </View>
      ))}

      {open ? <ProxyBooking roster={roster} onBooked={() => void reload()} /> : null}
      {open ? <EndOrCancel roster={roster} onDone={() => void reload()} /> : null}
    </Screen>
  )
}

function Entry({ entry, sensitive, open, busy, onCheckIn, onSaved }: { entry: RosterEntry; sensitive: boolean; open: boolean; busy: boolean; onCheckIn: (undo: boolean) => void; onSaved: () => void }) {
  const t = useT(serviceMessages)
  return (
    <View className="svc-entry" id={`entry-${entry.code}`}>
      <View className="svc-entry__top">
        <View>
          <Text className="svc-entry__who">{`${entry.name}${entry.proxy ? ` (${t('proxyMark')})` : ''}`}</Text>
          <Text className="svc-muted">{t('roomLabel', { unit: entry.unit, room: entry.room })}</Text>
        </View>
        <Text className="svc-entry__code">{entry.code}</Text>
      </View>
      <View className="svc-booking__status">
        <StatusTag status={entry.status} position={entry.position} />
        {entry.checkedInAt ? <Text className="svc-muted">{chinaTime(new Date(entry.checkedInAt))}</Text> : null}
      </View>
      {open && (entry.status === 'confirmed' || entry.status === 'no_show') ? (
        <Button className="btn btn--block svc-gap" disabled={busy} onClick={() => onCheckIn(false)}>
          {`✓ ${t('checkIn')}`}
        </Button>
      ) : null}
      {open && entry.status === 'attended' && !entry.readingRecorded ? (
        <Button className="btn btn--ghost btn--block svc-gap" disabled={busy} onClick={() => onCheckIn(true)}>
          {t('undo')}
        </Button>
      ) : null}
      {sensitive && entry.status === 'attended' && entry.readingRecorded ? <Text className="svc-note svc-note--ok">{`${t('readingSaved')}`}</Text> : null}
      {sensitive && entry.status === 'attended' && !entry.readingRecorded && entry.canRecordReading ? <ReadingForm bookingId={entry.bookingId} onSaved={onSaved} /> : null}
      {sensitive && entry.status === 'attended' && !entry.canRecordReading && !entry.readingRecorded ? <Text className="svc-note">{`${t('readingNoConsent')}`}</Text> : null}
    </View>
  )
}

function ReadingForm({ bookingId, onSaved }: { bookingId: string; onSaved: () => void }) {
  const t = useT(serviceMessages)
  const tc = useT(common)
  const [values, setValues] = useState({ systolic: '', diastolic: '', pulse: '' })
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  async function save() {
    const systolic = Number(values.systolic)
    const diastolic = Number(values.diastolic)
    const pulse = values.pulse.trim() ? Number(values.pulse) : undefined
    if (!Number.isInteger(systolic) || !Number.isInteger(diastolic) || systolic < 60 || systolic > 260 || diastolic < 30 || diastolic > 160) {
      setProblem(t('readingInvalid'))
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      await call(service.recordReading, { bookingId, systolic, diastolic, pulse }, newRequestId())
      // The numbers leave the provider's screen as soon as they are saved.
      setValues({ systolic: '', diastolic: '', pulse: '' })
      onSaved()
    } catch (caught) {
      setProblem(caught instanceof CloudError && caught.code === 'CONSENT_REQUIRED' ? t('readingNoConsent') : serviceErrorText(t, tc, caught))
    } finally {
      setBusy(false)
    }
  }

  const field = (key: keyof typeof values, label: string) => (
    <View>
      <Text className="label">{label}</Text>
      <Input className="field" type="number" value={values[key]} maxlength={3} onInput={(event) => setValues({ ...values, [key]: event.detail.value })} />
    </View>
  )
  return (
    <View className="svc-confirm stack">
      <Text className="svc-line">{`${t('recordReading')}`}</Text>
      {field('systolic', t('systolic'))}
      {field('diastolic', t('diastolic'))}
      {field('pulse', t('pulse'))}
      {problem ? <IconLine shape={alert} className="svc-note svc-note--error">{problem}</IconLine> : null}
      <Button className="btn btn--block" disabled={busy} onClick={() => void save()}>
        {busy ? t('working') : t('saveReading')}
      </Button>
    </View>
  )
}

/** 代预约: a building leader books for a neighbour without a smartphone — a name and a room, nothing more. */
function ProxyBooking({ roster, onBooked }: { roster: Roster; onBooked: () => void }) {
  const t = useT(serviceMessages)
  const tc = useT(common)
  const me = useSession((state) => state.me)
  const led = me?.roles.filter((role) => role.role === 'building_leader').map((role) => role.scope) ?? []
  const buildingId = roster.session.scope.kind === 'building' ? roster.session.scope.id : led[0]
  const bookable = roster.slots.filter(({ slot }) => slot.phase === 'open')
  const [name, setName] = useState('')
  const [unit, setUnit] = useState('1')
  const [room, setRoom] = useState('')
  const [slotId, setSlotId] = useState(bookable[0]?.slot.id ?? '')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  if (!buildingId || !led.includes(buildingId) || bookable.length === 0) return null

  async function submit() {
    setBusy(true)
    setOutcome(null)
    try {
      const booking = await call(service.bookForNeighbour, { slotId, name: name.trim(), householdId: `${buildingId}-${Number(unit)}-${room.trim()}` }, newRequestId())
      setOutcome({ kind: 'ok', text: `✓ ${t('proxyDone', { name: booking.proxy?.name ?? name, status: t(`status.${booking.status}`, { n: booking.position ?? '' }), code: booking.code })}` })
      setName('')
      setRoom('')
      onBooked()
    } catch (caught) {
      setOutcome({ kind: 'error', text: caught instanceof CloudError && caught.field === 'householdId' && caught.code === 'NOT_FOUND' ? t('proxyRoomUnknown') : serviceErrorText(t, tc, caught, roster.session.capacity) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card stack" id="proxy-booking">
      <Text className="subtitle">{`${t('proxyTitle')}`}</Text>
      <Text className="label">{t('proxyName')}</Text>
      <Input className="field" value={name} maxlength={10} placeholder={t('proxyNamePlaceholder')} onInput={(event) => setName(event.detail.value)} />
      <View className="svc-inputs">
        <View>
          <Text className="label">{t('unit')}</Text>
          <Input className="field" type="number" value={unit} maxlength={2} onInput={(event) => setUnit(event.detail.value)} />
        </View>
        <View>
          <Text className="label">{t('room')}</Text>
          <Input className="field" type="number" value={room} maxlength={4} placeholder={t('roomPlaceholder')} onInput={(event) => setRoom(event.detail.value)} />
        </View>
      </View>
      <View className="svc-choices">
        {bookable.map(({ slot }) => (
          <Button key={slot.id} className={`btn btn--ghost svc-choice ${slot.id === slotId ? 'svc-choice--on' : ''}`} aria-pressed={slot.id === slotId} onClick={() => setSlotId(slot.id)}>
            {`${slot.id === slotId ? '✓ ' : ''}${slot.letter} ${slot.start}`}
          </Button>
        ))}
      </View>
      {outcome ? <OutcomeNote outcome={outcome} /> : null}
      <Button className="btn btn--block" disabled={busy || !name.trim() || !room.trim() || !slotId} onClick={() => void submit()}>
        {busy ? t('working') : t('proxyBook')}
      </Button>
    </View>
  )
}

function EndOrCancel({ roster, onDone }: { roster: Roster; onDone: () => void }) {
  const t = useT(serviceMessages)
  const tc = useT(common)
  const [asking, setAsking] = useState<'close' | 'cancel' | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const started = new Date(roster.session.startsAt).getTime() <= Date.now()

  async function confirm() {
    setBusy(true)
    try {
      if (asking === 'close') {
        const result = await call(service.closeSession, { sessionId: roster.session.id }, newRequestId())
        setOutcome({ kind: 'ok', text: `✓ ${t('closedResult', result)}` })
      } else {
        await call(service.cancelSession, { sessionId: roster.session.id }, newRequestId())
        setOutcome({ kind: 'ok', text: `✓ ${t('sessionCancelled')}` })
      }
      setAsking(null)
      onDone()
    } catch (caught) {
      setOutcome({ kind: 'error', text: serviceErrorText(t, tc, caught) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card stack">
      {outcome ? <OutcomeNote outcome={outcome} /> : null}
      {asking ? (
        <View className="svc-confirm stack">
          <Text>{asking === 'close' ? t('closeConfirm') : t('cancelSessionConfirm')}</Text>
          <Button className="btn btn--block" disabled={busy} onClick={() => void confirm()}>
            {busy ? t('working') : asking === 'close' ? t('closeYes') : t('cancelSessionYes')}
          </Button>
          <Button className="btn btn--ghost btn--block" disabled={busy} onClick={() => setAsking(null)}>
            {t('cancelNo')}
          </Button>
        </View>
      ) : (
        <>
          {started ? (
            <Button className="btn btn--ghost btn--block" onClick={() => setAsking('close')}>
              {t('close')}
            </Button>
          ) : (
            <Text className="svc-muted">{t('notStarted')}</Text>
          )}
          {!started ? (
            <Button className="btn btn--ghost btn--block" onClick={() => setAsking('cancel')}>
              {t('cancelSession')}
            </Button>
          ) : null}
        </>
      )}
    </View>
  )
}
