import { Button, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import * as service from '@contracts/service'
import { useT } from '@/core/i18n'
import { useCloud } from '@/core/useCloud'
import { BookingCard } from '@/features/service/BookingCard'
import { serviceMessages } from '@/features/service/messages'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import '@/features/service/service.scss'

/** 我的预约: coming bookings first (soonest on top), then the last month's, each with its status in words. */
export default function MinePage() {
  const t = useT(serviceMessages)
  const { data, error, loading, reload } = useCloud(service.myBookings, {})
  const shown = useRef(false)
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('title.mine') }).catch(() => undefined)
  }, [t])
  useDidShow(() => {
    if (shown.current) void reload()
    shown.current = true
  })

  if (error) return <Screen><StatusView kind="error" error={error} onRetry={() => void reload()} /></Screen>
  if (loading && !data) return <Screen><StatusView kind="loading" /></Screen>
  const bookings = data ?? []
  const now = Date.now()
  const coming = bookings.filter((b) => new Date(b.endsAt).getTime() >= now)
  const past = bookings.filter((b) => new Date(b.endsAt).getTime() < now)

  return (
    <Screen className="mine">
      <Text className="title">{t('title.mine')}</Text>
      {bookings.length === 0 ? (
        <StatusView kind="empty" message={t('mineEmpty')} action={{ label: t('browse'), onTap: () => void Taro.switchTab({ url: '/pages/services/index' }) }} />
      ) : null}
      {coming.length > 0 ? <Text className="subtitle">{t('upcoming')}</Text> : null}
      {coming.map((booking) => (
        <BookingCard key={booking.id} booking={booking} showSession onChange={() => void reload()} />
      ))}
      {past.length > 0 ? <Text className="subtitle">{t('past')}</Text> : null}
      {past.map((booking) => (
        <BookingCard key={booking.id} booking={booking} showSession onChange={() => void reload()} />
      ))}
      {bookings.length > 0 ? (
        <Button className="btn btn--ghost btn--block svc-gap" onClick={() => void Taro.switchTab({ url: '/pages/services/index' })}>
          {t('browse')}
        </Button>
      ) : null}
    </Screen>
  )
}
