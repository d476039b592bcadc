import { Button, Image, Input, Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import * as volunteer from '@contracts/volunteer'
import type { CheckinCode, RosterRow } from '@contracts/volunteer'
import { formatHours } from '@domain/volunteer'
import { call, newRequestId } from '@/core/api'
import { useLocale, useT, type T } from '@/core/i18n'
import { useCloud } from '@/core/useCloud'
import { clockText, whenText } from '@/features/volunteer/format'
import { dateMessages } from '@/features/volunteer/sectionMessages'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { SectionTitle } from '@/ui/SectionTitle'
import { StatusView } from '@/ui/StatusView'
import { disabledIf } from '@/ui/disabled'
import { qrImageUrl } from '@/ui/qr'
import { refusalText } from '../parts/errors'
import { leadMessages, type LeadKey } from '../parts/leadMessages'
import { partsMessages, type PartsKey } from '../parts/messages'
import { Notice } from '../parts/Notice'
import { useTitle } from '@/ui/useTitle'
import '../parts/parts.scss'
import './index.scss'
import '@/ui/forms.scss'

type Flash = { kind: 'ok' | 'error'; text: string } | null

export default function RosterPage() {
  const t = useT(leadMessages)
  const tp = useT(partsMessages)
  const tc = useT(common)
  const td = useT(dateMessages)
  const locale = useLocale()
  const shiftId = useRouter().params.id ?? ''
  const roster = useCloud(volunteer.viewRoster, shiftId ? { shiftId } : null)
  const [flash, setFlash] = useState<Flash>(null)
  const [busy, setBusy] = useState(false)
  const [manualFor, setManualFor] = useState<RosterRow | null>(null)
  const shownBefore = useRef(false)
  useTitle(t('rosterTitle'))
  useDidShow(() => {
    if (shownBefore.current) void roster.reload()
    shownBefore.current = true
  })

  if (roster.error && !roster.data) return <Screen><StatusView kind="error" error={roster.error} onRetry={() => void roster.reload()} /></Screen>
  if (!roster.data) return <Screen><StatusView kind="loading" /></Screen>
  const { shift, rows, lengthMinutes, checkin, started, ended } = roster.data
  const toConfirm = rows.filter((row) => row.hours === 'recorded').length
  const h = (minutes: number) => td('hours', { hours: formatHours(minutes) })

  async function run(task: () => Promise<unknown>, ok: string) {
    if (busy) return
    setBusy(true)
    setFlash(null)
    try {
      await task()
      if (ok) setFlash({ kind: 'ok', text: ok })
      await roster.reload()
    } catch (error) {
      setFlash({ kind: 'error', text: refusalText(tp, tc, error) })
    } finally {
      setBusy(false)
    }
  }

  const mark = (row: RosterRow, mode: 'in' | 'out') => run(() => call(volunteer.markRoster, { shiftId, volunteerId: row.volunteerId, mode }, newRequestId()), '')
  const confirm = () => run(async () => {
    const { confirmed } = await call(volunteer.confirmHours, { shiftId }, newRequestId())
    setFlash({ kind: 'ok', text: confirmed > 0 ? t('confirmedN', { n: confirmed }) : t('nothingToConfirm') })
  }, '')

  return (
    <Screen className="vol-roster">
      <Text className="title">{shift.title}</Text>
      <View className="card vol-facts">
        <Text className="vol-roster__when">{whenText(locale, shift.startAt, shift.endAt)}</Text>
        <Text>{`${shift.place}`}</Text>
        <Text className={`vol-roster__staff vol-roster__staff--${shift.staffing}`}>{`${tp(`staff.${shift.staffing}` as PartsKey, { n: shift.capacity - shift.taken })} · ${tp('places', { taken: shift.taken, capacity: shift.capacity })}`}</Text>
      </View>

      {checkin === 'open' ? <CodePanel shiftId={shiftId} t={t} /> : <Notice kind="info">{t('codeClosed')}</Notice>}

      {flash ? <Notice kind={flash.kind}>{flash.text}</Notice> : null}

      <SectionTitle title={t('people')} />
      <View className="card">
        {rows.length === 0 ? <Text className="muted">{t('empty')}</Text> : null}
        {rows.map((row) => (
          <View key={row.volunteerId} className="vol-row vol-roster__row">
            <View className="vol-row__main">
              <Text className="vol-row__title">{row.name}</Text>
              <Text className="vol-row__sub">
                {row.signup === 'confirmed' ? t('signedUp') : row.signup === 'waitlisted' ? t('waitlisted', { n: row.waitPosition ?? '' }) : t('walkIn')}
                {row.ageHealthConfirmed ? ` · ${t('ageOk')}` : ''}
              </Text>
              {row.signup === 'confirmed' ? (
                <Text className="vol-row__sub">
                  {row.checkInAt ? t('inAt', { time: clockText(row.checkInAt) }) : t('notIn')}
                  {row.checkOutAt ? ` · ${t('outAt', { time: clockText(row.checkOutAt) })}` : ''}
                </Text>
              ) : null}
              {row.minutes !== null ? (
                <Text className={`vol-roster__hours vol-roster__hours--${row.hours ?? 'none'}`}>
                  {`${row.hours === 'confirmed' ? t('hoursConfirmed', { hours: h(row.minutes) }) : t('hoursRecorded', { hours: h(row.minutes) })}${row.source === 'manual' ? ` · ${t('manualTag')}` : ''}`}
                </Text>
              ) : null}
              <View className="vol-actions">
                {checkin === 'open' && row.signup === 'confirmed' && !row.checkInAt && !ended ? (
                  <Button className="btn" disabled={disabledIf(busy)} onClick={() => void mark(row, 'in')}>
                    {t('checkIn')}
                  </Button>
                ) : null}
                {checkin === 'open' && row.checkInAt && !row.checkOutAt && row.hours !== 'confirmed' ? (
                  <Button className="btn" disabled={disabledIf(busy)} onClick={() => void mark(row, 'out')}>
                    {t('checkOut')}
                  </Button>
                ) : null}
                {started && row.signup !== 'waitlisted' ? (
                  <Button className="btn btn--ghost" onClick={() => setManualFor(row)}>
                    {t('manual')}
                  </Button>
                ) : null}
              </View>
              {manualFor?.volunteerId === row.volunteerId ? (
                <ManualForm
                  row={row}
                  lengthMinutes={lengthMinutes}
                  t={t}
                  busy={busy}
                  onCancel={() => setManualFor(null)}
                  onSave={(minutes, reason) =>
                    void run(async () => {
                      await call(volunteer.addManualHours, { shiftId, volunteerId: row.volunteerId, minutes, reason }, newRequestId())
                      setManualFor(null)
                    }, t('manualDone'))
                  }
                />
              ) : null}
            </View>
          </View>
        ))}
      </View>

      {toConfirm > 0 ? (
        <Button className="btn btn--block vol-roster__confirm" disabled={disabledIf(busy)} onClick={() => void confirm()}>
          {t('confirm', { n: toConfirm })}
        </Button>
      ) : null}
      <Text className="vol-rule">{tp('rule')}</Text>
    </Screen>
  )
}

/** The rotating code, shown big with its QR; it is fetched again when the server says it changes. */
function CodePanel({ shiftId, t }: { shiftId: string; t: T<LeadKey> }) {
  const tp = useT(partsMessages)
  const tc = useT(common)
  const [shown, setShown] = useState(false)
  const [code, setCode] = useState<CheckinCode | null>(null)
  const [left, setLeft] = useState(0)
  const [problem, setProblem] = useState<string | null>(null)

  const [version, setVersion] = useState(0)

  useEffect(() => {
    if (!shown) return
    let alive = true
    call(volunteer.checkinCode, { shiftId })
      .then((next) => {
        if (!alive) return
        setCode(next)
        setLeft(next.secondsLeft)
        setProblem(null)
      })
      .catch((error: unknown) => {
        if (alive) setProblem(refusalText(tp, tc, error))
      })
    return () => {
      alive = false
    }
  }, [shown, version, shiftId, tp, tc])

  useEffect(() => {
    if (!shown) return
    const timer = setInterval(() => setLeft((seconds) => Math.max(0, seconds - 1)), 1000)
    return () => clearInterval(timer)
  }, [shown])

  // The server said when the code changes: fetch the next one then.
  useEffect(() => {
    if (shown && code && left === 0) setVersion((value) => value + 1)
  }, [left, shown, code])

  return (
    <View className="card vol-roster__code">
      <Text className="subtitle vol-roster__first">{t('codeTitle')}</Text>
      {shown && code ? (
        <View className="vol-roster__code-body">
          <Image className="vol-roster__qr" src={qrImageUrl(code.payload)} mode="aspectFit" />
          <Text className="vol-roster__digits" aria-label={code.code.split('').join(' ')}>
            {code.code}
          </Text>
          <Text className="muted">{t('codeRefresh', { seconds: left })}</Text>
          <Text className="vol-rule">{t('codeHint')}</Text>
        </View>
      ) : null}
      {problem ? <Notice kind="error">{problem}</Notice> : null}
      <Button className={`btn btn--block ${shown ? 'btn--ghost' : ''}`} onClick={() => setShown(!shown)}>
        {shown ? t('hideCode') : t('showCode')}
      </Button>
    </View>
  )
}

function ManualForm({ row, lengthMinutes, t, busy, onCancel, onSave }: { row: RosterRow; lengthMinutes: number; t: T<LeadKey>; busy: boolean; onCancel: () => void; onSave: (minutes: number, reason: string) => void }) {
  const [hours, setHours] = useState(row.minutes !== null ? formatHours(row.minutes) : formatHours(lengthMinutes))
  const [reason, setReason] = useState('')
  const minutes = Math.round(Number(hours) * 60)
  const valid = Number.isFinite(minutes) && minutes >= 0 && minutes % 15 === 0 && minutes <= lengthMinutes && reason.trim().length >= 2
  return (
    <View className="vol-roster__manual">
      <Text className="vol-row__title">{t('manualFor', { name: row.name })}</Text>
      <Text className="label">{t('manualHours')}</Text>
      <Input className="field" type="digit" aria-label={t('manualHours')} value={hours} onInput={(event) => setHours(event.detail.value)} />
      <Text className="muted">{t('manualMax', { max: formatHours(lengthMinutes) })}</Text>
      <Text className="label">{t('manualReason')}</Text>
      <Input className="field" aria-label={t('manualReason')} value={reason} maxlength={60} placeholder={t('manualReasonPh')} onInput={(event) => setReason(event.detail.value)} />
      <View className="vol-actions">
        <Button className="btn" disabled={disabledIf(busy || !valid)} onClick={() => onSave(minutes, reason.trim())}>
          {t('manualSave')}
        </Button>
        <Button className="btn btn--ghost" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </View>
    </View>
  )
}
