import { Button, Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import * as admin from '@contracts/admin'
import type { PersonRow } from '@contracts/admin'
import * as community from '@contracts/community'
import type { InputOf } from '@contracts/define'
import type { Role, RoleGrant } from '@contracts/model'
import * as volunteer from '@contracts/volunteer'
import { call, newRequestId } from '@/core/api'
import { useLocale, useT } from '@/core/i18n'
import { useCloud } from '@/core/useCloud'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import { BuildingPicker, type PickedBuilding } from '../parts/BuildingPicker'
import { disabledIf } from '@/ui/disabled'
import { More } from '@/ui/More'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { usePages } from '@/ui/usePages'
import { useTitle } from '@/ui/useTitle'
import { peopleMessages } from './messages'
import './index.scss'
import '../parts/parts.scss'
import '@/ui/forms.scss'

type Query = InputOf<typeof admin.searchUsers>
type Scope = { id: string; name: string }
type Flash = { kind: 'ok'; text: string } | { kind: 'error'; error: unknown } | null

const ROLE_CHOICES: Role[] = ['building_leader', 'team_leader', 'admin']

function Search({ onSearch }: { onSearch: (query: Query) => void }) {
  const t = useT(peopleMessages)
  const [mode, setMode] = useState<'nickname' | 'room'>('nickname')
  const [text, setText] = useState('')
  const [building, setBuilding] = useState<PickedBuilding | null>(null)
  const [room, setRoom] = useState('')
  return (
    <View className="card stack">
      <View className="chips">
        {(['nickname', 'room'] as const).map((item) => (
          <Button key={item} className={`chip ${mode === item ? 'chip--on' : ''}`} aria-pressed={mode === item} onClick={() => setMode(item)}>
            {mode === item ? `✓ ${t(item === 'nickname' ? 'byNickname' : 'byRoom')}` : t(item === 'nickname' ? 'byNickname' : 'byRoom')}
          </Button>
        ))}
      </View>
      {mode === 'nickname' ? (
        <View className="stack">
          <Input className="field" value={text} maxlength={20} placeholder={t('nickname')} aria-label={t('nickname')} confirmType="search" onInput={(event) => setText(event.detail.value)} onConfirm={() => text.trim() && onSearch({ by: 'nickname', text: text.trim() })} />
          <Button className="btn btn--block" disabled={disabledIf(text.trim() === '')} onClick={() => onSearch({ by: 'nickname', text: text.trim() })}>
            {t('search')}
          </Button>
        </View>
      ) : building ? (
        <View className="stack">
          <View className="row">
            <Text className="people__building">{`${building.areaName} ${building.name}`}</Text>
            <Button className="btn btn--quiet people__small" onClick={() => setBuilding(null)}>
              {t('changeBuilding')}
            </Button>
          </View>
          <Input className="field" type="number" value={room} maxlength={4} placeholder={t('roomPlaceholder')} aria-label={t('room')} onInput={(event) => setRoom(event.detail.value)} />
          <Button className="btn btn--block" disabled={disabledIf(!/^\d{3,4}$/.test(room))} onClick={() => onSearch({ by: 'room', buildingId: building.id, room })}>
            {t('search')}
          </Button>
        </View>
      ) : (
        <BuildingPicker onPick={setBuilding} />
      )}
    </View>
  )
}

function TeamChoices({ onPick }: { onPick: (scope: Scope) => void }) {
  const locale = useLocale()
  const teams = useCloud(volunteer.listTeams, {})
  if (teams.error) return <StatusView kind="error" error={teams.error} onRetry={() => void teams.reload()} />
  if (!teams.data) return <StatusView kind="loading" />
  return (
    <View>
      {teams.data.map((team) => (
        <Button key={team.id} className="choice" onClick={() => onPick({ id: team.id, name: localized(team.name, locale) })}>
          <Text>{localized(team.name, locale)}</Text>
          <Text className="choice__hint">›</Text>
        </Button>
      ))}
    </View>
  )
}

/** Role, then what it covers, then one confirming tap that names both. */
function Grant({ person, onDone }: { person: PersonRow; onDone: (flash: Flash) => void }) {
  const t = useT(peopleMessages)
  const tc = useT(common)
  const [role, setRole] = useState<Role | null>(null)
  const [scope, setScope] = useState<Scope | null>(null)
  const [other, setOther] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const homes = [...new Map(person.homes.map((home) => [home.buildingId, { id: home.buildingId, name: `${home.areaName} ${home.buildingName}` }])).values()]

  const chooseRole = (next: Role) => {
    setRole(next)
    setOther(false)
    setScope(next === 'admin' ? { id: 'community', name: t('community') } : null)
  }

  async function grant(chosenRole: Role, chosen: Scope) {
    setBusy(true)
    setError(null)
    try {
      await call(community.grantRole, { userId: person.userId, role: chosenRole, scope: chosen.id }, newRequestId())
      onDone({ kind: 'ok', text: t('granted', { name: person.nickname || t('unnamed'), role: tc(`role.${chosenRole}`), scope: chosen.name }) })
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="stack people__grant">
      <Text className="label">{t('chooseRole')}</Text>
      <View className="chips">
        {ROLE_CHOICES.map((item) => (
          <Button key={item} className={`chip ${role === item ? 'chip--on' : ''}`} aria-pressed={role === item} onClick={() => chooseRole(item)}>
            {role === item ? `✓ ${tc(`role.${item}`)}` : tc(`role.${item}`)}
          </Button>
        ))}
      </View>
      {role === 'building_leader' && !scope ? (
        <View>
          <Text className="label">{t('chooseBuilding')}</Text>
          {other ? (
            <BuildingPicker onPick={(building) => setScope({ id: building.id, name: `${building.areaName} ${building.name}` })} />
          ) : (
            <View>
              {homes.map((home) => (
                <Button key={home.id} className="choice" onClick={() => setScope(home)}>
                  <Text>{t('livesHere', { name: home.name })}</Text>
                  <Text className="choice__hint">›</Text>
                </Button>
              ))}
              <Button className="choice" onClick={() => setOther(true)}>
                <Text>{t('otherBuilding')}</Text>
                <Text className="choice__hint">›</Text>
              </Button>
            </View>
          )}
        </View>
      ) : null}
      {role === 'team_leader' && !scope ? (
        <View>
          <Text className="label">{t('chooseTeam')}</Text>
          <TeamChoices onPick={setScope} />
        </View>
      ) : null}
      {role === 'admin' ? <Notice kind="warn">{t('adminWarning')}</Notice> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {role && scope ? (
        <Button className="btn btn--block" disabled={disabledIf(busy)} onClick={() => void grant(role, scope)}>
          {busy ? t('working') : t('confirmGrant', { role: tc(`role.${role}`), scope: scope.name })}
        </Button>
      ) : null}
      <Button className="btn btn--ghost btn--block" onClick={() => onDone(null)}>
        {t('cancel')}
      </Button>
    </View>
  )
}

function Person({ person, onChanged }: { person: PersonRow; onChanged: (flash: Flash) => void }) {
  const t = useT(peopleMessages)
  const tc = useT(common)
  const [granting, setGranting] = useState(false)
  const [revoking, setRevoking] = useState<RoleGrant | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const name = person.nickname || t('unnamed')
  const scopeOf = (grant: RoleGrant) => (grant.role === 'admin' ? t('community') : grant.scopeName)

  async function revoke(grant: RoleGrant) {
    setBusy(true)
    setError(null)
    try {
      await call(community.revokeRole, { userId: person.userId, role: grant.role, scope: grant.scope }, newRequestId())
      setRevoking(null)
      onChanged({ kind: 'ok', text: t('revoked', { name, role: tc(`role.${grant.role}`), scope: scopeOf(grant) }) })
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card stack" id={`person-${person.userId}`}>
      <Text className="people__name">{name}</Text>
      {person.homes.length === 0 ? <Text className="muted">{t('noHome')}</Text> : null}
      {person.homes.map((home) => (
        <Text key={home.residencyId} className="muted">
          {t('home', { area: home.areaName, building: home.buildingName, unit: home.unit, room: home.room, status: tc(`status.${home.status}`) })}
        </Text>
      ))}
      {person.roles.length === 0 ? <Text className="muted">{t('noRoles')}</Text> : null}
      {person.roles.map((grant) => (
        <View key={`${grant.role}:${grant.scope}`} className="stack">
          <View className="row">
            <Text className="people__role">{`★ ${tc(`role.${grant.role}`)} · ${scopeOf(grant)}`}</Text>
            {revoking === grant ? null : (
              <Button className="btn btn--ghost people__small" disabled={disabledIf(busy)} onClick={() => setRevoking(grant)}>
                {t('revoke')}
              </Button>
            )}
          </View>
          {revoking === grant ? (
            <View className="stack">
              <Notice kind="warn">{t('confirmRevoke', { name, role: tc(`role.${grant.role}`), scope: scopeOf(grant) })}</Notice>
              <Button className="btn btn--block" disabled={disabledIf(busy)} onClick={() => void revoke(grant)}>
                {busy ? t('working') : t('confirmRevokeButton')}
              </Button>
              <Button className="btn btn--ghost btn--block" onClick={() => setRevoking(null)}>
                {t('cancel')}
              </Button>
            </View>
          ) : null}
        </View>
      ))}
      {error ? <ErrorNotice error={error} /> : null}
      {granting ? (
        <Grant
          person={person}
          onDone={(flash) => {
            setGranting(false)
            if (flash) onChanged(flash)
          }}
        />
      ) : (
        <Button className="btn btn--quiet btn--block" onClick={() => setGranting(true)}>
          {`+ ${t('grant')}`}
        </Button>
      )}
    </View>
  )
}

export default function PeoplePage() {
  const t = useT(peopleMessages)
  useTitle(t('title'))
  const [query, setQuery] = useState<Query | null>(null)
  const [flash, setFlash] = useState<Flash>(null)
  const pages = usePages(admin.searchUsers, query)
  return (
    <Screen className="people">
      <Text className="title">{t('title')}</Text>
      <Text className="muted people__intro">{t('intro')}</Text>
      <Search
        onSearch={(next) => {
          setFlash(null)
          setQuery(next)
        }}
      />
      {flash?.kind === 'ok' ? <Notice kind="ok">{flash.text}</Notice> : null}
      {flash?.kind === 'error' ? <ErrorNotice error={flash.error} /> : null}
      {query && pages.error ? <StatusView kind="error" error={pages.error} onRetry={() => void pages.reload()} /> : null}
      {query && pages.loading && !pages.items ? <StatusView kind="loading" /> : null}
      {pages.items && pages.items.length === 0 ? <StatusView kind="empty" message={t('none')} /> : null}
      {pages.items?.map((person) => (
        <Person
          key={person.userId}
          person={person}
          onChanged={(next) => {
            setFlash(next)
            void pages.reload()
          }}
        />
      ))}
      {query ? <More pages={pages} /> : null}
    </Screen>
  )
}
