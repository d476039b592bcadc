import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import * as volunteer from '@contracts/volunteer'
import type { ShiftDetail } from '@contracts/volunteer'
import { formatHours, parseCheckinPayload } from '@domain/volunteer'
import { call, newRequestId } from '@/core/api'
import { useT } from '@/core/i18n'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { clockText, dayText, whenText } from '@/features/volunteer/format'
import { openTeam, openVolunteer, volunteerUrl } from '@/features/volunteer/routes'
import { dateMessages } from '@/features/volunteer/sectionMessages'
import { askForPromotionNotice } from '@/features/volunteer/subscribe'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { withNext } from '@/ui/next'
import { useShareCard } from '@/ui/share'
import { StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import { disabledIf } from '@/ui/disabled'
import { refusalText } from '../parts/errors'
import { partsMessages, type PartsKey } from '../parts/messages'
import { Notice } from '../parts/Notice'
import { Requirements } from '../parts/Requirements'
import { Tick } from '../parts/Tick'
import { useTitle } from '@/ui/useTitle'
import { shiftMessages } from './messages'
import '../parts/parts.scss'
import './index.scss'
import '@/ui/forms.scss'

const JOIN_PAGE = '/packages/account/join/index'

/** Refusals the page resolves with a tick box instead of a message. */
const TICKABLE = new Set(['age_health', 'language'])

type Flash = { kind: 'ok' | 'error'; text: string } | null

export default function ShiftPage() {
  const t = useT(shiftMessages)
  const tp = useT(partsMessages)
  const tc = useT(common)
  const td = useT(dateMessages)
  const locale = useSettings((state) => state.locale)
  const shiftId = useRouter().params.id ?? ''
  const loaded = useCloud(volunteer.viewShift, shiftId ? { shiftId } : null)
  const [fresh, setFresh] = useState<ShiftDetail>()
  const [busy, setBusy] = useState(false)
  const [flash, setFlash] = useState<Flash>(null)
  const [ageOk, setAgeOk] = useState(false)
  const [languageOk, setLanguageOk] = useState(false)
  const [confirmingCancel, setConfirmingCancel] = useState(false)
  const [code, setCode] = useState('')
  useTitle(t('title'))

  const detail = fresh ?? loaded.data

  // The share card opens this page with the shift's id: two taps from a group chat to a place.
  useShareCard('shift', () => ({
    title: detail ? `${detail.shift.title} · ${whenText(locale, detail.shift.startAt, detail.shift.endAt)}` : t('title'),
    path: volunteerUrl('shift', { id: shiftId }),
  }))

  if (loaded.error && !detail) return <Screen className="vol-shift"><StatusView kind="error" error={loaded.error} onRetry={() => void loaded.reload()} /></Screen>
  if (!detail) return <Screen className="vol-shift"><StatusView kind="loading" /></Screen>

  const { shift, mine } = detail
  const team = localized(shift.teamName, locale)
  const holding = mine?.status === 'confirmed' || mine?.status === 'waitlisted'
  const blocking = detail.refusals.filter((key) => !TICKABLE.has(key))
  const needsAge = shift.requirements.ageHealth && !holding
  const needsLanguage = detail.refusals.includes('language')
  const full = shift.taken >= shift.capacity

  async function act(run: () => Promise<ShiftDetail>, okText: (next: ShiftDetail) => string) {
    if (busy) return
    setBusy(true)
    setFlash(null)
    try {
      const next = await run()
      setFresh(next)
      setFlash({ kind: 'ok', text: okText(next) })
      setConfirmingCancel(false)
      setCode('')
    } catch (error) {
      setFlash({ kind: 'error', text: refusalText(tp, tc, error) })
    } finally {
      setBusy(false)
    }
  }

  const signUp = () => {
    if (busy) return
    // Joining the waitlist: ask for the 候补成功 message first, while WeChat still counts this as the person's tap.
    const asking = full ? askForPromotionNotice() : Promise.resolve(false)
    return act(
      async () => call(volunteer.signUp, { shiftId, confirmAgeHealth: ageOk, confirmLanguage: languageOk, subscribe: await asking }, newRequestId()),
      (next) => (next.mine?.status === 'waitlisted' ? t('justWaitlisted') : t('justSignedUp')),
    )
  }
  const cancel = () => act(() => call(volunteer.cancelSignup, { shiftId }, newRequestId()), () => t('justCancelled'))
  const check = (mode: 'in' | 'out', typed = code) =>
    act(
      () => call(volunteer.checkWithCode, { shiftId, code: typed.trim(), mode }, newRequestId()),
      (next) => (mode === 'in' ? t('checkedIn', { time: clockText(next.mine?.checkInAt ?? new Date()) }) : t('checkedOut', { time: clockText(next.mine?.checkOutAt ?? new Date()) })),
    )

  async function scan(mode: 'in' | 'out') {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const parsed = parseCheckinPayload(result)
      if (!parsed || parsed.shiftId !== shiftId) {
        setFlash({ kind: 'error', text: t('scanOther') })
        return
      }
      await check(mode, parsed.code)
    } catch {
      // The person closed the scanner: nothing to say.
    }
  }

  const deadline = (iso: string) => `${dayText(locale, iso)} ${clockText(iso)}`

  return (
    <Screen className="vol-shift">
      <Text className="title">{shift.title}</Text>
      <Button className="btn btn--quiet vol-shift__team" onClick={() => openTeam(shift.teamId)}>
        {t('teamLink', { team })}
      </Button>

      <View className="card vol-facts">
        <Text className="vol-shift__when">{whenText(locale, shift.startAt, shift.endAt)}</Text>
        <Text>{t('place', { place: shift.place })}</Text>
        <Text className={`vol-shift__staff vol-shift__staff--${shift.staffing}`}>
          {`${tp(`staff.${shift.staffing}` as PartsKey, { n: shift.capacity - shift.taken })} · ${tp('places', { taken: shift.taken, capacity: shift.capacity })}${shift.waiting > 0 ? ` · ${tp('waiting', { n: shift.waiting })}` : ''}`}
        </Text>
        <Text className="muted">{t('closes', { time: deadline(shift.signupClosesAt) })}</Text>
        <Text className="muted">{t('cancelBy', { time: deadline(shift.cancelBefore) })}</Text>
      </View>

      <Text className="subtitle">{t('requirements')}</Text>
      <View className="card">
        <Requirements requirements={shift.requirements} />
      </View>

      {flash ? <Notice kind={flash.kind}>{flash.text}</Notice> : null}

      {mine?.status === 'confirmed' && !flash ? <Notice kind="ok">{t('mineConfirmed')}</Notice> : null}
      {mine?.status === 'waitlisted' ? <Notice kind="info">{t('mineWaitlisted', { n: mine.waitPosition ?? '' })}</Notice> : null}

      {!holding && !detail.verifiedResident ? (
        <View className="card stack">
          <Notice kind="info">{t('bindFirst')}</Notice>
          <Button className="btn btn--block" onClick={() => void Taro.navigateTo({ url: withNext(JOIN_PAGE) })}>
            {t('bindAction')}
          </Button>
        </View>
      ) : null}

      {!holding && detail.verifiedResident ? (
        <View className="vol-shift__signup">
          {blocking.map((key) => (
            <Notice key={key} kind="warn">
              {tp(`refuse.${key}` as PartsKey)}
            </Notice>
          ))}
          {blocking.length === 0 && needsLanguage && shift.requirements.language ? (
            <Tick on={languageOk} label={t('confirmLanguage', { language: tp(`lang.${shift.requirements.language}` as PartsKey) })} onChange={setLanguageOk} />
          ) : null}
          {blocking.length === 0 && needsAge ? <Tick on={ageOk} label={t('confirmAge')} onChange={setAgeOk} /> : null}
          {blocking.length === 0 ? (
            <Button className="btn btn--block vol-shift__primary" disabled={disabledIf(busy || (needsAge && !ageOk) || (needsLanguage && !languageOk))} onClick={() => void signUp()}>
              {full ? t('joinWaitlist') : t('signUp')}
            </Button>
          ) : null}
          {blocking.length === 0 && ((needsAge && !ageOk) || (needsLanguage && !languageOk)) ? <Text className="muted vol-shift__why">{t('tickFirst')}</Text> : null}
        </View>
      ) : null}

      {mine?.status === 'confirmed' && detail.checkin !== 'closed' && !mine.checkOutAt ? (
        <View className="card">
          <Text className="subtitle vol-shift__first">{t('checkinTitle')}</Text>
          {mine.checkInAt ? <Text className="vol-shift__done">{t('checkedIn', { time: clockText(mine.checkInAt) })}</Text> : null}
          {detail.checkin === 'early' ? (
            <Text className="muted">{t('checkinEarly')}</Text>
          ) : (
            <View>
              <Text className="label">{t('codeLabel')}</Text>
              <Input className="field vol-shift__code" type="number" aria-label={t('codeLabel')} maxlength={6} value={code} placeholder="000000" onInput={(event) => setCode(event.detail.value)} />
              <Button className="btn btn--block vol-shift__primary" disabled={disabledIf(busy || !/^\d{6}$/.test(code.trim()))} onClick={() => void check(mine.checkInAt ? 'out' : 'in')}>
                {mine.checkInAt ? t('checkOut') : t('checkIn')}
              </Button>
              {process.env.TARO_ENV === 'weapp' ? (
                <Button className="btn btn--ghost btn--block vol-shift__scan" disabled={disabledIf(busy)} onClick={() => void scan(mine.checkInAt ? 'out' : 'in')}>
                  {mine.checkInAt ? t('scanOut') : t('scanIn')}
                </Button>
              ) : null}
            </View>
          )}
        </View>
      ) : null}

      {mine?.checkOutAt || mine?.hours ? (
        <View className="card">
          {mine.checkInAt ? <Text className="vol-shift__done">{t('checkedIn', { time: clockText(mine.checkInAt) })}</Text> : null}
          {mine.checkOutAt ? <Text className="vol-shift__done">{t('checkedOut', { time: clockText(mine.checkOutAt) })}</Text> : null}
          {mine.minutes !== null && mine.hours === 'recorded' ? <Notice kind="info">{t('hoursRecorded', { hours: td('hours', { hours: formatHours(mine.minutes) }) })}</Notice> : null}
          {mine.minutes !== null && mine.hours === 'confirmed' ? <Notice kind="ok">{t('hoursConfirmed', { hours: td('hours', { hours: formatHours(mine.minutes) }) })}</Notice> : null}
          <Text className="vol-rule">{tp('rule')}</Text>
        </View>
      ) : null}
      {mine?.status === 'confirmed' && detail.checkin === 'closed' && !mine.checkOutAt ? <Notice kind="info">{t('checkinClosed')}</Notice> : null}

      {holding && !mine?.checkInAt ? (
        confirmingCancel ? (
          <View className="card stack">
            <Notice kind="warn">{t('cancelWarn')}</Notice>
            <Button className="btn btn--block" disabled={disabledIf(busy)} onClick={() => void cancel()}>
              {t('cancelSure')}
            </Button>
            <Button className="btn btn--ghost btn--block" onClick={() => setConfirmingCancel(false)}>
              {t('keep')}
            </Button>
          </View>
        ) : detail.cancelRefusal === 'deadline' ? (
          <Notice kind="info">{tp('refuse.deadline')}</Notice>
        ) : (
          <Button className="btn btn--ghost btn--block vol-shift__cancel" onClick={() => (mine?.status === 'waitlisted' ? void cancel() : setConfirmingCancel(true))}>
            {mine?.status === 'waitlisted' ? t('leaveWaitlist') : t('cancel')}
          </Button>
        )
      ) : null}

      {process.env.TARO_ENV === 'weapp' ? (
        <Button className="btn btn--quiet btn--block vol-shift__share" openType="share">
          {t('share')}
        </Button>
      ) : null}

      {detail.canManage ? (
        <Button className="btn btn--ghost btn--block vol-shift__manage" onClick={() => openVolunteer('roster', { id: shiftId })}>
          {`${t('manage')} ›`}
        </Button>
      ) : null}
    </Screen>
  )
}
