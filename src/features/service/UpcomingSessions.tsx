import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'
import * as service from '@contracts/service'
import type { SessionSummary } from '@contracts/service'
import { chinaTime } from '@domain/chinaTime'
import { useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { SectionTitle } from '@/ui/SectionTitle'
import { StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import { friendlyDay, momentLabel, serviceIcon, timeRange } from './format'
import { Icon, IconLine } from '@/ui/Icon'
import { clock as clockIcon, hourglass, list, pulse } from '@/ui/icons'
import { upcomingMessages } from './upcomingMessages'
import './upcoming.scss'

export const SESSION_PAGE = '/packages/service/session/index'
export const MINE_PAGE = '/packages/service/mine/index'
export const READINGS_PAGE = '/packages/service/readings/index'
export const CREATE_PAGE = '/packages/service/create/index'

/** China time: the session's own wall clock, whatever the phone's zone. */
const clock = (iso: string) => chinaTime(new Date(iso))

/** The 服务 tab's section: the next sessions the person may book, and the way to 我的预约. One tap opens a session. */
export function UpcomingSessions() {
  const t = useT(upcomingMessages)
  const locale = useSettings((state) => state.locale)
  const me = useSession((state) => state.me)
  const { data, error, loading, reload } = useCloud(service.upcomingSessions, {})
  const shown = useRef(false)
  useDidShow(() => {
    // Back from booking or cancelling in the subpackage: the places left have changed.
    if (shown.current) void reload()
    shown.current = true
  })
  const leads = me?.roles.some((role) => role.role === 'building_leader' || role.role === 'admin') ?? false
  const now = new Date()

  function status(session: SessionSummary): { text: string; tone: string; icon?: string } {
    if (session.mine > 0) return { text: t('booked'), tone: 'tag tag--ok' }
    if (new Date(session.opensAt) > now) return { text: t('opens', { time: momentLabel(session.opensAt, locale, now) }), tone: 'tag', icon: clockIcon }
    if (session.placesLeft > 0) return { text: `● ${t('placesLeft', { n: session.placesLeft })}`, tone: 'tag tag--ok' }
    return { text: t('full'), tone: 'tag tag--warn', icon: hourglass }
  }

  return (
    <View className="upcoming">
      <SectionTitle title={t('title')} action={leads ? { label: `＋ ${t('create')}`, onTap: () => void Taro.navigateTo({ url: CREATE_PAGE }) } : undefined} />
      {error ? <StatusView kind="error" error={error} onRetry={() => void reload()} /> : null}
      {!error && loading && !data ? <StatusView kind="loading" /> : null}
      {data && data.length === 0 ? <StatusView kind="empty" message={t('none')} /> : null}
      {data?.slice(0, 8).map((session) => {
        const { text, tone, icon } = status(session)
        return (
          <Button
            key={session.id}
            className="upcoming__card"
            hoverClass="upcoming__card--pressed"
            onClick={() => void Taro.navigateTo({ url: `${SESSION_PAGE}?id=${session.id}` })}
          >
            <View className="upcoming__glyph" aria-hidden="true">
              <Icon shape={serviceIcon(session.type.key)} />
            </View>
            <View className="upcoming__body">
              <Text className="upcoming__name">{localized(session.type.name, locale)}</Text>
              <Text className="upcoming__when">{`${friendlyDay(session.day, locale, now)}  ${timeRange(clock(session.startsAt), clock(session.endsAt), locale)}`}</Text>
              <Text className="upcoming__where">{`${session.place} · ${session.scope.kind === 'community' ? t('scopeCommunity') : session.scopeName}`}</Text>
              {icon ? <IconLine shape={icon} className={`${tone} upcoming__tag`}>{text}</IconLine> : <Text className={`${tone} upcoming__tag`}>{text}</Text>}
            </View>
            <Text className="upcoming__chevron" aria-hidden="true">
              ›
            </Text>
          </Button>
        )
      })}
      <View className="upcoming__links">
        <Button className="btn btn--block" onClick={() => void Taro.navigateTo({ url: MINE_PAGE })}>
          <Icon shape={list} /> {t('mine')}
        </Button>
        <Button className="btn btn--ghost btn--block" onClick={() => void Taro.navigateTo({ url: READINGS_PAGE })}>
          <Icon shape={pulse} /> {t('readings')}
        </Button>
      </View>
    </View>
  )
}
