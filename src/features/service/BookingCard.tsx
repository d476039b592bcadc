import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import * as service from '@contracts/service'
import type { Booking } from '@contracts/service'
import { chinaTime } from '@domain/chinaTime'
import { call, newRequestId } from '@/core/api'
import { useT } from '@/core/i18n'
import { useSettings } from '@/core/settings'
import { common } from '@/ui/messages'
import { localized } from '@/ui/text'
import { serviceErrorText } from './errors'
import { friendlyDay, momentLabel, serviceIcon, timeRange } from './format'
import { Icon, IconLine } from '@/ui/Icon'
import { alert, bell, check } from '@/ui/icons'
import { serviceMessages } from './messages'
import { QrCode } from './QrCode'
import { StatusTag } from './StatusTag'
import { askForMessages } from './subscribe'
import './service.scss'

interface Props {
  booking: Booking
  onChange: (booking: Booking) => void
  /** In 我的预约 each card says which service it is; on the session page that is already said above. */
  showSession?: boolean
}

/** One booking: its status, the code to show at the door, reminders, and cancelling with a second, inline tap. */
export function BookingCard({ booking, onChange, showSession = false }: Props) {
  const t = useT(serviceMessages)
  const tc = useT(common)
  const locale = useSettings((state) => state.locale)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [qr, setQr] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const active = booking.status === 'confirmed' || booking.status === 'waitlisted'
  const time = timeRange(chinaTime(new Date(booking.startsAt)), chinaTime(new Date(booking.endsAt)), locale)
  const subscribed = booking.status === 'waitlisted' ? booking.subscribed.promotion : booking.subscribed.reminder

  async function cancel() {
    setBusy(true)
    setError(null)
    try {
      onChange(await call(service.cancelBooking, { bookingId: booking.id }, newRequestId()))
      setConfirming(false)
    } catch (caught) {
      setError(serviceErrorText(t, tc, caught))
    } finally {
      setBusy(false)
    }
  }

  function subscribe() {
    // First, before any await: WeChat only asks on the tap itself.
    const asking = askForMessages(booking.status === 'waitlisted' ? ['promotion', 'reminder'] : ['reminder'])
    void (async () => {
      const answer = await asking
      if (!answer.reminder && !answer.promotion) return
      try {
        onChange(await call(service.subscribeBooking, { bookingId: booking.id, reminder: answer.reminder || booking.subscribed.reminder, promotion: answer.promotion || booking.subscribed.promotion }))
      } catch (caught) {
        setError(serviceErrorText(t, tc, caught))
      }
    })()
  }

  return (
    <View className={`card svc-booking svc-booking--${booking.status}`} id={`booking-${booking.id}`}>
      {showSession ? (
        <View className="svc-booking__head">
          <View className="svc-glyph" aria-hidden="true">
            <Icon shape={serviceIcon(booking.session.typeKey)} />
          </View>
          <View className="svc-booking__what">
            <Text className="svc-booking__name">{localized(booking.session.typeName, locale)}</Text>
            <Text className="svc-line">{`${friendlyDay(booking.session.day, locale)}  ${time}`}</Text>
            <Text className="svc-line svc-muted">{t('where', { place: booking.session.place })}</Text>
          </View>
        </View>
      ) : (
        <Text className="svc-booking__name">{time}</Text>
      )}
      <View className="svc-booking__status">
        <StatusTag status={booking.status} position={booking.position} />
        {booking.proxy ? <Text className="tag">{`${t('proxyMark')} · ${booking.proxy.name}`}</Text> : null}
      </View>
      {booking.promotedAt && booking.status === 'confirmed' ? <IconLine shape={check} className="svc-note svc-note--ok">{t('promoted')}</IconLine> : null}
      {booking.status === 'cancelled' && booking.cancelReason && booking.cancelReason !== 'self' ? (
        <Text className="svc-note">{t(`cancelReason.${booking.cancelReason}`)}</Text>
      ) : null}

      {active ? (
        <View className="svc-code">
          <Text className="svc-code__label">{t('code')}</Text>
          <Text className="svc-code__value">{booking.code}</Text>
          <Text className="svc-muted">{t('codeHint')}</Text>
          {booking.status === 'confirmed' ? (
            <Button className="btn btn--ghost btn--block svc-gap" onClick={() => setQr(!qr)}>
              {qr ? t('hideQr') : t('showQr')}
            </Button>
          ) : null}
          {qr && booking.status === 'confirmed' ? <QrCode text={booking.qr} label={`${t('code')} ${booking.code}`} /> : null}
        </View>
      ) : null}

      {active && !subscribed ? (
        <View className="stack svc-gap">
          <Button className="btn btn--quiet btn--block" onClick={subscribe}>
            <Icon shape={bell} /> {booking.status === 'waitlisted' ? t('remindPromotion') : t('remind')}
          </Button>
          {process.env.TARO_ENV === 'weapp' ? <Text className="svc-muted">{t('remindHint')}</Text> : null}
        </View>
      ) : null}
      {active && subscribed ? (
        <IconLine shape={bell} className="svc-note svc-note--ok">{booking.status === 'waitlisted' ? t('notifying') : t('reminding')}</IconLine>
      ) : null}

      {active && booking.canCancel && !confirming ? (
        <View className="stack svc-gap">
          <Text className="svc-muted">{t('cutoffBy', { time: momentLabel(booking.cancelDeadline, locale) })}</Text>
          <Button className="btn btn--ghost btn--block" onClick={() => setConfirming(true)}>
            {t('cancel')}
          </Button>
        </View>
      ) : null}
      {active && booking.canCancel && confirming ? (
        <View className="stack svc-confirm" aria-live="polite">
          <Text>{t('cancelConfirm')}</Text>
          <Button className="btn btn--block" disabled={busy} onClick={() => void cancel()}>
            {busy ? t('working') : t('cancelYes')}
          </Button>
          <Button className="btn btn--ghost btn--block" disabled={busy} onClick={() => setConfirming(false)}>
            {t('cancelNo')}
          </Button>
        </View>
      ) : null}
      {active && !booking.canCancel ? <Text className="svc-note">{t('cutoffPassed', { time: momentLabel(booking.cancelDeadline, locale) })}</Text> : null}
      {error ? <IconLine shape={alert} className="svc-note svc-note--error">{error}</IconLine> : null}
    </View>
  )
}
