import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import * as service from '@contracts/service'
import type { Booking, SessionDetail, SlotView } from '@contracts/service'
import { chinaTime } from '@domain/time'
import { call, isUnanswered, newRequestId } from '@/core/api'
import { useT } from '@/core/i18n'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { BookingCard } from '@/features/service/BookingCard'
import { serviceErrorText } from '@/features/service/errors'
import { friendlyDay, momentLabel, serviceIcon, timeRange } from '@/features/service/format'
import { Icon, IconLine } from '@/ui/Icon'
import { alert, info } from '@/ui/icons'
import { share } from './icons'
import { serviceMessages } from '@/features/service/messages'
import { StatusTag } from '@/features/service/StatusTag'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { withNext } from '@/ui/next'
import { useShareCard } from '@/ui/share'
import { PRIVACY_PAGE, StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import '@/features/service/service.scss'
import './index.scss'

const JOIN_PAGE = '/packages/account/join/index'
const ROSTER_PAGE = '/packages/service/roster/index'

/**
 * A session: what, when, where, and its slots. From a shared card this is the first tap; booking a slot is the second.
 */
export default function SessionPage() {
  const t = useT(serviceMessages)
  const tc = useT(common)
  const locale = useSettings((state) => state.locale)
  const id = useRouter().params.id ?? ''
  const { data, error, loading, reload } = useCloud(service.getSession, id ? { sessionId: id } : null)
  const [busySlot, setBusySlot] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [justBooked, setJustBooked] = useState<Booking | null>(null)
  // One request id per slot until it succeeds: a retry after a dropped connection books once.
  const intents = useRef(new Map<string, string>())
  const name = data ? localized(data.type.name, locale) : ''

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: name || t('title.session') }).catch(() => undefined)
  }, [name, t])

  useShareCard('session', () => ({
    title: data ? `${name} · ${friendlyDay(data.day, locale)} · ${data.place}` : t('title.session'),
    path: `/packages/service/session/index?id=${id}`,
  }))

  if (!id) return <Screen><StatusView kind="error" error={{ code: 'NOT_FOUND' }} /></Screen>
  if (error) return <Screen><StatusView kind="error" error={error} onRetry={() => void reload()} /></Screen>
  if (loading && !data) return <Screen><StatusView kind="loading" /></Screen>
  if (!data) return <Screen><StatusView kind="loading" /></Screen>

  async function book(slot: SlotView) {
    const requestId = intents.current.get(slot.id) ?? newRequestId()
    intents.current.set(slot.id, requestId)
    setBusySlot(slot.id)
    setFailure(null)
    try {
      const booking = await call(service.book, { slotId: slot.id }, requestId)
      intents.current.delete(slot.id)
      setJustBooked(booking)
      await reload()
    } catch (caught) {
      if (!isUnanswered(caught)) intents.current.delete(slot.id)
      setFailure(serviceErrorText(t, tc, caught, data?.householdCap))
    } finally {
      setBusySlot(null)
    }
  }

  const detail: SessionDetail = data
  const mineBySlot = new Map(detail.myBookings.filter((b) => b.status !== 'cancelled').map((b) => [b.slotId, b]))
  const active = detail.myBookings.filter((b) => b.status !== 'cancelled')

  return (
    <Screen className="session">
      <View className="svc-head">
        <View className="svc-glyph" aria-hidden="true">
          <Icon shape={serviceIcon(detail.type.key)} />
        </View>
        <View>
          <Text className="svc-head__title">{name}</Text>
          <Text className="svc-line">{`${friendlyDay(detail.day, locale)}  ${timeRange(chinaTime(new Date(detail.startsAt)), chinaTime(new Date(detail.endsAt)), locale)}`}</Text>
        </View>
      </View>
      <View className="svc-facts session__facts">
        <Text className="svc-line">{`${t('where', { place: detail.place })} · ${detail.scope.kind === 'community' ? t('scope.community') : detail.scopeName}`}</Text>
        {detail.note ? <Text className="svc-muted">{detail.note}</Text> : null}
      </View>

      {justBooked ? (
        <Text className="svc-note svc-note--ok session__done" aria-live="polite">
          {`✓ ${t(justBooked.status === 'waitlisted' ? 'status.waitlisted' : 'status.confirmed', { n: justBooked.position ?? '' })} · ${t('code')} ${justBooked.code}`}
        </Text>
      ) : null}
      {detail.status !== 'open' ? <IconLine shape={alert} className="svc-note svc-note--warn">{t('refuse.closed')}</IconLine> : null}
      <Refusal detail={detail} />
      {detail.noShowReminder && detail.canBook.ok ? <IconLine shape={info} className="svc-note svc-note--warn">{t('noShowNote')}</IconLine> : null}
      {failure ? (
        <View aria-live="assertive">
          <IconLine shape={alert} className="svc-note svc-note--error">{failure}</IconLine>
        </View>
      ) : null}

      <View className="card">
        <Text className="subtitle">{t('slots')}</Text>
        {detail.slots.map((slot) => {
          const mine = mineBySlot.get(slot.id)
          const left = Math.max(0, slot.capacity - slot.confirmed)
          return (
            <View key={slot.id} className="svc-slot" id={`slot-${slot.letter}`}>
              <Text className="svc-slot__letter" aria-hidden="true">
                {slot.letter}
              </Text>
              <View className="svc-slot__body">
                <Text className="svc-slot__time">{timeRange(slot.start, slot.end, locale)}</Text>
                <Text className="svc-muted">{left > 0 ? `● ${t('placesLeft', { n: left })}` : `${t('full')}${slot.waiting > 0 ? ` · ${t('waitingCount', { n: slot.waiting })}` : ''}`}</Text>
              </View>
              <View className="svc-slot__action">
                {mine ? (
                  <StatusTag status={mine.status} position={mine.position} />
                ) : slot.phase === 'not_open' ? (
                  <Text className="svc-muted">{t('notOpen', { time: momentLabel(detail.opensAt, locale) })}</Text>
                ) : slot.phase === 'started' ? (
                  <Text className="svc-muted">{t('started')}</Text>
                ) : (
                  <Button
                    className={`btn btn--block ${left > 0 ? '' : 'btn--ghost'}`}
                    disabled={!detail.canBook.ok || busySlot !== null}
                    onClick={() => void book(slot)}
                  >
                    {busySlot === slot.id ? t('working') : left > 0 ? t('book') : t('joinWaitlist')}
                  </Button>
                )}
              </View>
            </View>
          )
        })}
      </View>

      {active.length > 0 ? <Text className="subtitle">{t('yourBookings')}</Text> : null}
      {active.map((booking) => (
        <BookingCard key={booking.id} booking={booking} onChange={() => void reload()} />
      ))}

      <View className="card stack">
        {localized(detail.bring, locale).trim() ? <Text className="svc-line">{`${t('bring', { items: localized(detail.bring, locale) })}`}</Text> : null}
        <Text className="svc-line">{`${t('provider', { provider: localized(detail.provider, locale) })}`}</Text>
        <Text className="svc-muted">{localized(detail.description, locale)}</Text>
        <Text className="svc-muted">{detail.audience === 'community' ? t('audienceCommunity') : t('audienceScope', { scope: detail.scopeName })}</Text>
        <Text className="svc-muted">{t('perHousehold', { n: detail.householdCap })}</Text>
      </View>

      {process.env.TARO_ENV === 'weapp' ? (
        <Button className="btn btn--ghost btn--block" openType="share">
          <Icon shape={share} /> {t('share')}
        </Button>
      ) : null}
      {detail.canManage ? (
        <Button className="btn btn--quiet btn--block svc-gap" onClick={() => void Taro.navigateTo({ url: `${ROSTER_PAGE}?id=${detail.id}` })}>
          {`${t('manage')}`}
        </Button>
      ) : null}
    </Screen>
  )
}

/** Why the person cannot book yet, with the way forward where there is one. */
function Refusal({ detail }: { detail: SessionDetail }) {
  const t = useT(serviceMessages)
  const locale = useSettings((state) => state.locale)
  if (detail.canBook.ok || detail.canBook.reason === 'closed') return null
  const { reason, until } = detail.canBook
  const text = t(`refuse.${reason}`, { scope: detail.scopeName, time: until ? momentLabel(until, locale) : '' })
  const forward =
    reason === 'consent' ? { label: t('readPrivacy'), url: PRIVACY_PAGE } : reason === 'not_resident' ? { label: t('bindHome'), url: JOIN_PAGE } : null
  return (
    <View className="card stack">
      <IconLine shape={info} className="svc-note svc-note--warn">{text}</IconLine>
      {forward ? (
        <Button className="btn btn--block" onClick={() => void Taro.navigateTo({ url: withNext(forward.url) })}>
          {forward.label}
        </Button>
      ) : null}
    </View>
  )
}
