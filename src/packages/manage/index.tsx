import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useRef } from 'react'
import * as admin from '@contracts/admin'
import type { Inbox } from '@contracts/admin'
import { timeLabel, timeRange } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { useCloud } from '@/core/useCloud'
import { BigAction } from '@/ui/BigAction'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { SessionStatus, StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import { accessOf } from './access'
import { manageMessages } from './messages'
import { Notice } from '@/ui/Notice'
import { LINKED_PAGES, MANAGE_PAGES, withQuery } from './parts/routes'
import { download, people } from './parts/icons'
import { useTitle } from '@/ui/useTitle'
import './parts/parts.scss'
import './index.scss'

const go = (url: string) => () => void Taro.navigateTo({ url })

type ManageKey = keyof (typeof manageMessages)['zh-CN']

/** One thing waiting: its count in words with a glyph (● something to do, ✓ nothing), the whole row a door. */
function Waiting({ id, count, some, none, onTap }: { id: string; count: number; some: ManageKey; none: ManageKey; onTap: () => void }) {
  const t = useT(manageMessages)
  return (
    <Button className={`choice manage__waiting-row ${count > 0 ? 'manage__waiting-row--some' : ''}`} id={`waiting-${id}`} onClick={onTap}>
      <Text className="manage__waiting-glyph" aria-hidden="true">
        {count > 0 ? '●' : '✓'}
      </Text>
      <Text className="manage__waiting-text">{count > 0 ? t(some, { count }) : t(none)}</Text>
      <Text className="choice__hint" aria-hidden="true">
        ›
      </Text>
    </Button>
  )
}

function WaitingList({ inbox }: { inbox: Inbox }) {
  const t = useT(manageMessages)
  const locale = useLocale()
  const today = inbox.sessionsToday
  return (
    <View className="manage__waiting">
      {inbox.residents !== null ? <Waiting id="residents" count={inbox.residents} some="residents" none="residentsNone" onTap={go(MANAGE_PAGES.queue)} /> : null}
      {inbox.households !== null ? <Waiting id="households" count={inbox.households} some="households" none="householdsNone" onTap={go(LINKED_PAGES.householdReview)} /> : null}
      {today ? (
        <View className="card manage__today" id="waiting-sessions">
          <Text className="manage__today-title">{`${today.count > 0 ? '●' : '✓'} ${today.count > 0 ? t('sessions', { count: today.count }) : t('sessionsNone')}`}</Text>
          {today.items.map((session) => (
            <Button key={session.id} className="choice manage__session" onClick={go(withQuery(LINKED_PAGES.sessionRoster, { id: session.id }))}>
              <View className="manage__session-body">
                <Text className="manage__session-name">{`${timeRange(timeLabel(session.startsAt), timeLabel(session.endsAt), locale)} ${localized(session.typeName, locale)}`}</Text>
                <Text className="muted">{`${session.scopeName} · ${session.place}`}</Text>
              </View>
              <Text className="choice__hint" aria-hidden="true">
                ›
              </Text>
            </Button>
          ))}
          {today.count > today.items.length ? (
            <Button className="btn btn--quiet btn--block" onClick={() => void Taro.switchTab({ url: LINKED_PAGES.servicesTab })}>
              {t('sessionsMore', { count: today.count - today.items.length })}
            </Button>
          ) : null}
        </View>
      ) : null}
      {inbox.understaffed !== null ? <Waiting id="understaffed" count={inbox.understaffed} some="understaffed" none="understaffedNone" onTap={go(LINKED_PAGES.volunteerLead)} /> : null}
      {inbox.hoursToConfirm !== null ? <Waiting id="hours" count={inbox.hoursToConfirm} some="hours" none="hoursNone" onTap={go(LINKED_PAGES.volunteerLead)} /> : null}
    </View>
  )
}

export default function ManagePage() {
  const t = useT(manageMessages)
  const tc = useT(common)
  useTitle(t('title'))
  const me = useSession((state) => state.me)
  const access = accessOf(me?.roles ?? [])
  const inbox = useCloud(admin.inbox, access.manager ? {} : null)
  // Back from the queue or a roster, the counts are fresh: what was just done no longer waits.
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current && access.manager) void inbox.reload()
    shownBefore.current = true
  })

  useEffect(() => {
    if (!useSession.getState().me) void useSession.getState().refresh()
  }, [])

  if (!me) {
    return (
      <Screen>
        <SessionStatus />
      </Screen>
    )
  }

  return (
    <Screen className="manage">
      <Text className="title">{t('title')}</Text>

      {me.roles.length > 0 ? (
        <View className="card">
          <Text className="label manage__first">{t('myRoles')}</Text>
          {me.roles.map((grant) => (
            <View key={`${grant.role}:${grant.scope}`} className="row manage__role">
              <Text className="manage__role-name">{tc(`role.${grant.role}`)}</Text>
              <Text className="muted">{grant.scopeName}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {!access.manager ? <Notice kind="info">{t('noAccess')}</Notice> : null}

      {access.manager ? (
        <View>
          <Text className="subtitle">{t('waitingTitle')}</Text>
          {inbox.error ? <StatusView kind="error" error={inbox.error} onRetry={() => void inbox.reload()} /> : null}
          {inbox.loading && !inbox.data ? <StatusView kind="loading" /> : null}
          {inbox.data ? <WaitingList inbox={inbox.data} /> : null}
        </View>
      ) : null}

      {access.manager ? (
        <View className="manage__doors">
          <Text className="subtitle">{t('doorsTitle')}</Text>
          {access.canBuildings ? <BigAction glyph="▦" title={t('buildings')} description={access.canImport ? t('buildingsHintAdmin') : t('buildingsHint')} onTap={go(MANAGE_PAGES.buildings)} /> : null}
          {access.canReview ? <BigAction glyph="✓" title={t('queue')} description={t('queueHint')} onTap={go(MANAGE_PAGES.queue)} /> : null}
          {access.canInvite ? <BigAction glyph="#" title={t('invites')} description={t('invitesHint')} onTap={go(MANAGE_PAGES.invites)} /> : null}
          {access.canPeople ? <BigAction icon={people} title={t('people')} description={t('peopleHint')} onTap={go(MANAGE_PAGES.people)} /> : null}
          <BigAction glyph="▥" title={t('dashboard')} description={t('dashboardHint')} onTap={go(MANAGE_PAGES.dashboard)} />
          <BigAction icon={download} title={t('exports')} description={t('exportsHint')} onTap={go(MANAGE_PAGES.exports)} />
          {access.canAudit ? <BigAction glyph="☰" title={t('audit')} description={t('auditHint')} onTap={go(MANAGE_PAGES.audit)} /> : null}
        </View>
      ) : null}
    </Screen>
  )
}
