import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import * as community from '@contracts/community'
import type { Area, InviteCode, Room } from '@contracts/model'
import { call, newRequestId } from '@/core/api'
import { dateTimeLabel } from '@/core/dates'
import { useLocale, useT, type T } from '@/core/i18n'
import { useSession } from '@/core/session'
import { useCloud } from '@/core/useCloud'
import { attempt } from '@/core/permission'
import { Screen } from '@/ui/Screen'
import { More } from '@/ui/More'
import { StatusView } from '@/ui/StatusView'
import { usePages } from '@/ui/usePages'
import { accessOf } from '../access'
import { disabledIf } from '@/ui/disabled'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { PermissionNotice } from '@/ui/PermissionNotice'
import { useTitle } from '@/ui/useTitle'
import { DAYS_CHOICES, DEFAULT_DAYS, DEFAULT_USES, householdOf, inviteStatus, sortInvites, spacedCode, usesChoicesFor } from './invites'
import { invitesMessages, type InvitesKey } from './messages'
import './index.scss'
import '../parts/parts.scss'

interface ChosenBuilding {
  id: string
  name: string
}

export default function InvitesPage() {
  const t = useT(invitesMessages)
  useTitle(t('title'))
  const me = useSession((state) => state.me)
  const [building, setBuilding] = useState<ChosenBuilding | null>(null)

  useEffect(() => {
    if (!useSession.getState().me) void useSession.getState().refresh()
  }, [])

  if (!me) {
    return (
      <Screen>
        <StatusView kind="loading" />
      </Screen>
    )
  }
  const access = accessOf(me.roles)
  // A leader of exactly one building has nothing to choose.
  const only = !access.admin && access.leaderBuildings.length === 1 ? access.leaderBuildings[0] : null
  const current = building ?? only

  return (
    <Screen className="invites">
      <Text className="title">{t('title')}</Text>
      <Text className="muted invites__intro">{t('intro')}</Text>

      {current ? (
        <>
          <View className="card row invites__building">
            <Text className="invites__building-name">{t('building', { name: current.name })}</Text>
            {only ? null : (
              <Button className="btn btn--quiet" onClick={() => setBuilding(null)}>
                {t('changeBuilding')}
              </Button>
            )}
          </View>
          <BuildingInvites key={current.id} buildingId={current.id} />
        </>
      ) : access.admin ? (
        <AdminBuildingChooser onPick={setBuilding} />
      ) : access.leaderBuildings.length > 0 ? (
        <View>
          <Text className="subtitle">{t('chooseBuilding')}</Text>
          {access.leaderBuildings.map((item) => (
            <Button key={item.id} className="choice" onClick={() => setBuilding(item)}>
              <Text>{item.name}</Text>
              <Text className="choice__hint">›</Text>
            </Button>
          ))}
        </View>
      ) : (
        <StatusView kind="empty" message={t('noBuildings')} />
      )}
    </Screen>
  )
}

/** Admins manage every building: area first, then building, as big list buttons. */
function AdminBuildingChooser({ onPick }: { onPick: (building: ChosenBuilding) => void }) {
  const t = useT(invitesMessages)
  const [area, setArea] = useState<Area | null>(null)
  const areas = useCloud(community.listAreas, area ? null : {})
  const buildings = useCloud(community.listBuildings, area ? { areaId: area.id } : null)

  if (!area) {
    return (
      <View>
        <Text className="subtitle">{t('chooseArea')}</Text>
        {areas.error ? <StatusView kind="error" error={areas.error} onRetry={() => void areas.reload()} /> : null}
        {areas.loading && !areas.data ? <StatusView kind="loading" /> : null}
        {areas.data?.map((item) => (
          <Button key={item.id} className="choice" onClick={() => setArea(item)}>
            <Text>{item.name}</Text>
            <Text className="choice__hint">›</Text>
          </Button>
        ))}
      </View>
    )
  }
  return (
    <View>
      <View className="row">
        <Text className="subtitle">{t('chooseBuilding')}</Text>
        <Button className="btn btn--quiet" onClick={() => setArea(null)}>
          {area.name} ‹
        </Button>
      </View>
      {buildings.error ? <StatusView kind="error" error={buildings.error} onRetry={() => void buildings.reload()} /> : null}
      {buildings.loading && !buildings.data ? <StatusView kind="loading" /> : null}
      {buildings.data?.map((item) => (
        <Button key={item.id} className="choice" onClick={() => onPick({ id: item.id, name: `${area.name} ${item.name}` })}>
          <Text>{item.name}</Text>
          <Text className="choice__hint">›</Text>
        </Button>
      ))}
    </View>
  )
}

function Chips({ values, value, label, onPick }: { values: readonly number[]; value: number; label: (n: number) => string; onPick: (n: number) => void }) {
  const t = useT(invitesMessages)
  return (
    <View className="chips">
      {values.map((n) => (
        <Button key={n} className={`chip ${n === value ? 'chip--on' : ''}`} aria-pressed={n === value} onClick={() => onPick(n)}>
          {n === value ? t('chosen', { label: label(n) }) : label(n)}
        </Button>
      ))}
    </View>
  )
}

type Kind = 'building' | 'household'

/** Which household a code opens, in words: a room of the building, or any room nobody lives in yet. */
function forWhom(t: T<InvitesKey>, invite: InviteCode): string {
  const home = householdOf(invite)
  return home ? t('forHousehold', { unit: home.unit, room: home.room }) : t('forBuilding')
}

/** A household code is for one flat: the unit (when the building has more than one), then the room. */
function HouseholdPicker({ buildingId, room, onPick }: { buildingId: string; room: Room | null; onPick: (room: Room | null) => void }) {
  const t = useT(invitesMessages)
  const view = useCloud(community.viewBuilding, { buildingId })
  const [unit, setUnit] = useState<number | null>(null)
  if (view.error) return <StatusView kind="error" error={view.error} onRetry={() => void view.reload()} />
  if (!view.data) return <StatusView kind="loading" />
  const units = view.data.units
  const current = units.length === 1 ? units[0].unit : unit
  const floors = units.find((item) => item.unit === current)?.floors ?? []
  return (
    <View className="stack" id="invite-household">
      {units.length > 1 ? (
        <>
          <Text className="label">{t('pickUnit')}</Text>
          <View className="chips">
            {units.map((item) => (
              <Button
                key={item.unit}
                className={`chip ${item.unit === current ? 'chip--on' : ''}`}
                aria-pressed={item.unit === current}
                onClick={() => {
                  setUnit(item.unit)
                  onPick(null)
                }}
              >
                {item.unit === current ? t('chosen', { label: t('unit', { unit: item.unit }) }) : t('unit', { unit: item.unit })}
              </Button>
            ))}
          </View>
        </>
      ) : null}
      {current ? (
        <>
          <Text className="label">{t('pickRoom')}</Text>
          <View className="chips">
            {floors.flatMap((floor) => floor.rooms).map((item) => (
              <Button
                key={item.householdId}
                className={`chip ${item.householdId === room?.householdId ? 'chip--on' : ''}`}
                aria-pressed={item.householdId === room?.householdId}
                onClick={() => onPick(item)}
              >
                {item.householdId === room?.householdId ? t('chosen', { label: item.room }) : item.room}
              </Button>
            ))}
          </View>
        </>
      ) : null}
    </View>
  )
}

function BuildingInvites({ buildingId }: { buildingId: string }) {
  const t = useT(invitesMessages)
  const locale = useLocale()
  // Newest first, a page at a time: a building that hands out codes for years has more than one answer holds.
  const list = usePages(community.listInvites, { buildingId })
  const [kind, setKind] = useState<Kind>('building')
  const [room, setRoom] = useState<Room | null>(null)
  const [maxUses, setMaxUses] = useState(DEFAULT_USES)
  const [days, setDays] = useState(DEFAULT_DAYS)
  const [issuing, setIssuing] = useState(false)
  const [issued, setIssued] = useState<InviteCode | null>(null)
  const [copyDeclined, setCopyDeclined] = useState(false)

  /** setClipboardData is a privacy API: declining the guide ends the call, and the card offers to try again. */
  async function copy(code: string) {
    const outcome = await attempt(() => Taro.setClipboardData({ data: code }))
    setCopyDeclined(!outcome.ok && outcome.reason === 'privacy')
  }
  const [issueError, setIssueError] = useState<unknown>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [revoke, setRevoke] = useState<{ code: string; error?: unknown; busy?: boolean } | null>(null)

  async function issue() {
    setIssuing(true)
    setIssueError(null)
    try {
      const householdId = kind === 'household' ? room?.householdId : undefined
      setIssued(await call(community.issueInvite, householdId ? { buildingId, householdId, maxUses, days } : { buildingId, maxUses, days }, newRequestId()))
      await list.reload()
    } catch (error) {
      setIssueError(error)
    } finally {
      setIssuing(false)
    }
  }

  async function revokeCode(code: string) {
    setConfirming(null)
    setRevoke({ code, busy: true })
    try {
      await call(community.revokeInvite, { code }, newRequestId())
      setRevoke({ code })
      if (issued?.code === code) setIssued(null)
      await list.reload()
    } catch (error) {
      setRevoke({ code, error })
    }
  }

  const now = new Date()
  const uses = (n: number) => (n === 1 ? t('usesOne') : t('usesChoice', { n }))
  const dayLabel = (n: number) => (n === 1 ? t('daysOne') : t('daysChoice', { n }))
  const usesChoices = usesChoicesFor(kind, community.MAX_HOUSEHOLD_CODE_USES)
  function chooseKind(next: Kind) {
    setKind(next)
    setRoom(null)
    // A household code is for a family: a few uses at most.
    if (next === 'household') setMaxUses((n) => Math.min(n, community.MAX_HOUSEHOLD_CODE_USES))
  }
  return (
    <View>
      <View className="card stack">
        <Text className="subtitle invites__first">{t('issueTitle')}</Text>
        <Text className="label">{t('kind')}</Text>
        <View className="chips">
          {(['household', 'building'] as const).map((item) => (
            <Button key={item} className={`chip ${item === kind ? 'chip--on' : ''}`} aria-pressed={item === kind} onClick={() => chooseKind(item)}>
              {item === kind ? t('chosen', { label: t(`kind_${item}`) }) : t(`kind_${item}`)}
            </Button>
          ))}
        </View>
        <Text className="muted">{t(`kindHint_${kind}`)}</Text>
        {kind === 'household' ? <HouseholdPicker buildingId={buildingId} room={room} onPick={setRoom} /> : null}
        <Text className="label">{t('maxUses')}</Text>
        <Chips values={usesChoices} value={maxUses} label={uses} onPick={setMaxUses} />
        <Text className="label">{t('days')}</Text>
        <Chips values={DAYS_CHOICES} value={days} label={dayLabel} onPick={setDays} />
        {issueError ? <ErrorNotice error={issueError} /> : null}
        <Button className="btn btn--block invites__issue" disabled={disabledIf(issuing || (kind === 'household' && !room))} onClick={() => void issue()}>
          {issuing ? t('issuing') : t('issue')}
        </Button>
      </View>

      {issued ? (
        <View className="card stack invites__new" id="new-code">
          <Text className="label invites__first">{t('newCode')}</Text>
          <Text className="invites__code invites__code--big" aria-label={issued.code.split('').join(' ')}>
            {spacedCode(issued.code)}
          </Text>
          <Text className="invites__for">{forWhom(t, issued)}</Text>
          <Text>
            {t('usesOf', { uses: issued.uses, max: issued.maxUses })} · {t('validUntil', { time: dateTimeLabel(issued.expiresAt, locale) })}
          </Text>
          <Text className="muted">{t('readAloud')}</Text>
          <Button className="btn btn--ghost btn--block" onClick={() => void copy(issued.code)}>
            {t('copy')}
          </Button>
          <PermissionNotice blocked={copyDeclined ? 'privacy' : null} onRetry={() => void copy(issued.code)} />
        </View>
      ) : null}

      <Text className="subtitle">{t('listTitle')}</Text>
      {revoke && !revoke.error && !revoke.busy ? <Notice kind="ok">{t('revoked', { code: spacedCode(revoke.code) })}</Notice> : null}
      {list.error ? <StatusView kind="error" error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.loading && !list.items ? <StatusView kind="loading" /> : null}
      {list.items && list.items.length === 0 ? <StatusView kind="empty" message={t('empty')} /> : null}
      {list.items
        ? sortInvites(list.items, now).map((invite) => {
            const status = inviteStatus(invite, now)
            return (
              <View key={invite.code} className={`card stack invites__item invites__item--${status}`} id={`invite-${invite.code}`}>
                <View className="row">
                  <Text className="invites__code">{spacedCode(invite.code)}</Text>
                  <Text className={status === 'active' ? 'tag tag--ok' : 'tag'}>{t(`status_${status}`)}</Text>
                </View>
                <Text className="invites__for">{forWhom(t, invite)}</Text>
                <Text className="muted">
                  {t('usesOf', { uses: invite.uses, max: invite.maxUses })} · {t('validUntil', { time: dateTimeLabel(invite.expiresAt, locale) })}
                </Text>
                {revoke?.code === invite.code && revoke.error ? <ErrorNotice error={revoke.error} /> : null}
                {status === 'active' && confirming !== invite.code ? (
                  <Button className="btn btn--ghost btn--block" disabled={disabledIf(revoke?.busy === true)} onClick={() => setConfirming(invite.code)}>
                    {t('revoke')}
                  </Button>
                ) : null}
                {confirming === invite.code ? (
                  <View className="stack">
                    <Notice kind="warn">{t('confirmRevoke')}</Notice>
                    <Button className="btn btn--block" onClick={() => void revokeCode(invite.code)}>
                      {t('confirmRevokeButton')}
                    </Button>
                    <Button className="btn btn--ghost btn--block" onClick={() => setConfirming(null)}>
                      {t('cancel')}
                    </Button>
                  </View>
                ) : null}
              </View>
            )
          })
        : null}
      <More pages={list} />
    </View>
  )
}
