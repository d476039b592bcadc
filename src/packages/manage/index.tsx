import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import * as community from '@contracts/community'
import { useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { useCloud } from '@/core/useCloud'
import { BigAction } from '@/ui/BigAction'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { accessOf } from './access'
import { manageMessages } from './messages'
import { Notice } from './parts/Notice'
import { useTitle } from './parts/useTitle'
import './index.scss'

const go = (url: string) => () => void Taro.navigateTo({ url })

export default function ManagePage() {
  const t = useT(manageMessages)
  const tc = useT(common)
  useTitle(t('title'))
  const me = useSession((state) => state.me)
  const failed = useSession((state) => state.failed)
  const access = accessOf(me?.roles ?? [])
  const queue = useCloud(community.residencyQueue, access.canReview ? {} : null)

  useEffect(() => {
    if (!useSession.getState().me) void useSession.getState().refresh()
  }, [])

  if (!me) {
    return <Screen>{failed ? <StatusView kind="error" error={{ code: 'INTERNAL' }} onRetry={() => void useSession.getState().refresh()} /> : <StatusView kind="loading" />}</Screen>
  }

  const waiting = queue.data?.length
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

      {!access.canReview && !access.canInvite ? (
        <View className="stack">
          <Notice kind="info">{access.teamLeader ? t('teamOnly') : t('noAccess')}</Notice>
          {access.teamLeader ? (
            <Button className="btn btn--block" onClick={() => void Taro.switchTab({ url: '/pages/volunteer/index' })}>
              {t('toVolunteer')}
            </Button>
          ) : null}
        </View>
      ) : null}

      {access.canReview ? (
        <View className="manage__waiting">
          <Text className="subtitle">{t('waitingTitle')}</Text>
          {queue.error ? <StatusView kind="error" error={queue.error} onRetry={() => void queue.reload()} /> : null}
          {queue.loading && waiting === undefined ? <StatusView kind="loading" /> : null}
          {waiting !== undefined ? <Notice kind={waiting > 0 ? 'warn' : 'ok'}>{waiting > 0 ? t('waiting', { count: waiting }) : t('nothingWaiting')}</Notice> : null}
        </View>
      ) : null}

      <View className="manage__doors">
        {access.canReview ? (
          <BigAction glyph="✓" title={waiting ? t('queueCount', { count: waiting }) : t('queue')} description={t('queueHint')} onTap={go('/packages/manage/queue/index')} />
        ) : null}
        {access.canInvite ? <BigAction glyph="#" title={t('invites')} description={t('invitesHint')} onTap={go('/packages/manage/invites/index')} /> : null}
        {access.canAudit ? <BigAction glyph="☰" title={t('audit')} description={t('auditHint')} onTap={go('/packages/manage/audit/index')} /> : null}
      </View>
    </Screen>
  )
}
