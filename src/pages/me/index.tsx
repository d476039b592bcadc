import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import * as account from '@contracts/account'
import * as community from '@contracts/community'
import type { Locale } from '@contracts/model'
import { call } from '@/core/api'
import { chooseDemoIdentity, demoIdentity, ownIdentity } from '@/core/devIdentity'
import { useT } from '@/core/i18n'
import { hasAgreed, isManager, useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { IconLine } from '@/ui/Icon'
import { LanguagePicker } from '@/ui/LanguagePicker'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { SectionTitle } from '@/ui/SectionTitle'
import { PRIVACY_PAGE, SessionStatus } from '@/ui/StatusView'
import { homeLabel } from '@/ui/text'
import { useTabPage } from '@/ui/useTabPage'
import { messages } from './messages'
import { ELDER_CHOICES, loadDevUsers, myHomes, STATUS_LOOK, type DevUser } from './model'
import './index.scss'

const PAGES = {
  profile: '/packages/account/profile/index',
  join: '/packages/account/join/index',
  requests: '/packages/account/requests/index',
  data: '/packages/account/data/index',
  manage: '/packages/manage/index',
}

const go = (url: string) => () => void Taro.navigateTo({ url })

export default function MePage() {
  const t = useT(messages)
  const tc = useT(common)
  const me = useSession((state) => state.me)
  // The picker shows the choice at once, while a weapp may still be loading that language's messages.
  const locale = useSettings((state) => state.chosenLocale)
  const elderChoice = useSettings((state) => state.elderChoice)
  // Requests to join a home the person is verified in wait for them (or the building leader): a count, the page elsewhere.
  const verified = me?.residencies.some((home) => home.status === 'verified') ?? false
  const requests = useCloud(community.householdRequests, verified ? {} : null)
  useTabPage(t('title'), () => {
    void useSession.getState().refresh()
    if (verified) void requests.reload()
  })

  const chooseLocale = (next: Locale) => {
    useSettings.getState().setLocale(next)
    // Saved to the profile only with consent to the app's policy; otherwise the choice stays on this phone.
    if (!hasAgreed(useSession.getState().me)) return
    call(account.updateProfile, { locale: next })
      .then((updated) => useSession.setState({ me: updated }))
      .catch(() => undefined)
  }

  return (
    <Screen className="me">
      {me ? (
        <View>
          <Button className="card me__profile" onClick={go(PAGES.profile)}>
            {me.avatarUrl ? (
              <Image className="me__avatar" src={me.avatarUrl} mode="aspectFill" aria-label={t('avatar')} />
            ) : (
              <View className="me__avatar me__avatar--initial" aria-hidden="true">
                {(me.nickname || t('nicknameFallback')).slice(0, 1)}
              </View>
            )}
            <View className="me__who">
              <Text className="me__nickname">{me.nickname || t('nicknameFallback')}</Text>
              <Text className="me__edit">{`${t('editProfile')} ›`}</Text>
            </View>
          </Button>

          <SectionTitle title={t('homes')} action={{ label: t('addHome'), onTap: go(PAGES.join) }} />
          <View className="card me__list">
            {me.residencies.length === 0 ? <Text className="muted">{t('noHomes')}</Text> : null}
            {myHomes(me).map((home) => {
              const look = STATUS_LOOK[home.status]
              return (
                <View key={home.id} className="me__home">
                  <Text className="me__home-address">{homeLabel(tc, home)}</Text>
                  {look.icon ? (
                    <IconLine shape={look.icon} className={`tag tag--${look.tone} me__tag`}>{tc(`status.${home.status}`)}</IconLine>
                  ) : (
                    <Text className={`tag tag--${look.tone} me__tag`}>{`${look.glyph} ${tc(`status.${home.status}`)}`}</Text>
                  )}
                </View>
              )
            })}
          </View>
          {requests.data && requests.data.length > 0 ? (
            <Button className="btn btn--block me__link me__requests" onClick={go(PAGES.requests)}>
              {`${t('joinRequests', { count: requests.data.length })} ›`}
            </Button>
          ) : null}

          {me.roles.length > 0 ? (
            <View>
              <SectionTitle title={t('roles')} />
              <View className="card me__list">
                {me.roles.map((grant) => (
                  <Text key={`${grant.role}:${grant.scope}`} className="me__role">
                    {grant.scopeName ? `${tc(`role.${grant.role}`)} · ${grant.scopeName}` : tc(`role.${grant.role}`)}
                  </Text>
                ))}
              </View>
            </View>
          ) : null}
        </View>
      ) : (
        <SessionStatus />
      )}

      <SectionTitle title={tc('languageLabel')} />
      <LanguagePicker value={locale} onChange={chooseLocale} />

      <SectionTitle title={t('elderTitle')} />
      <Text className="muted me__hint">{t('elderHint')}</Text>
      <View className="me__choices">
        {ELDER_CHOICES.map((choice) => {
          const selected = choice.value === elderChoice
          return (
            <Button
              key={choice.key}
              className={`btn me__choice ${selected ? '' : 'btn--ghost'}`}
              aria-pressed={selected}
              onClick={() => useSettings.getState().setElderChoice(choice.value)}
            >
              {selected ? `✓ ${t(choice.key)}` : t(choice.key)}
            </Button>
          )
        })}
      </View>

      <SectionTitle title={t('more')} />
      <View className="stack">
        <Button className="btn btn--ghost btn--block me__link" onClick={go(PRIVACY_PAGE)}>
          {`${t('privacy')} ›`}
        </Button>
        <Button className="btn btn--ghost btn--block me__link" onClick={go(PAGES.data)}>
          {`${t('data')} ›`}
        </Button>
        {isManager(me) ? (
          <Button className="btn btn--ghost btn--block me__link" onClick={go(PAGES.manage)}>
            {`${t('manage')} ›`}
          </Button>
        ) : null}
      </View>

      {process.env.TARO_ENV === 'h5' ? <DemoUsers /> : null}
    </Screen>
  )
}

/**
 * H5 demos only: act as one of the local runtime's demo residents, or as this browser's own identity (made on the first
 * visit, a newcomer until it agrees and joins). Hidden when the runtime's dev mode is off.
 */
function DemoUsers() {
  const t = useT(messages)
  const [users, setUsers] = useState<DevUser[] | null>(null)
  const [current, setCurrent] = useState(demoIdentity)
  const choose = (openid: string | null) => {
    chooseDemoIdentity(openid)
    setCurrent(openid)
    void useSession.getState().refresh()
  }

  useEffect(() => {
    let alive = true
    void loadDevUsers(fetch).then((found) => {
      if (alive) setUsers(found)
    })
    return () => {
      alive = false
    }
  }, [])

  if (!users) return null
  return (
    <View className="me__dev">
      <SectionTitle title={t('devTitle')} />
      <Text className="muted me__hint">{t('devHint')}</Text>
      <View className="stack">
        <Button className={`btn btn--block me__dev-user ${current === null ? '' : 'btn--ghost'}`} aria-pressed={current === null} onClick={() => choose(null)}>
          <Text className="me__dev-name">{current === null ? `✓ ${t('devSelf')}` : t('devSelf')}</Text>
          <Text className="me__dev-description">{t('devSelfHint', { id: ownIdentity() })}</Text>
        </Button>
        {users.map((user) => {
          const selected = user.openid === current
          return (
            <Button
              key={user.openid}
              className={`btn btn--block me__dev-user ${selected ? '' : 'btn--ghost'}`}
              aria-pressed={selected}
              onClick={() => choose(user.openid)}
            >
              <Text className="me__dev-name">{selected ? `✓ ${user.name}` : user.name}</Text>
              <Text className="me__dev-description">{user.description}</Text>
            </Button>
          )
        })}
      </View>
    </View>
  )
}
