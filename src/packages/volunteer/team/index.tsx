import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import * as volunteer from '@contracts/volunteer'
import type { Membership, MemberRow } from '@contracts/volunteer'
import { TRAININGS, type Training } from '@domain/volunteer'
import { call, newRequestId } from '@/core/api'
import { dayLabel } from '@/core/dates'
import { useLocale, useT, type T } from '@/core/i18n'
import { useSession, verifiedHomes } from '@/core/session'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { dayText } from '@/features/volunteer/format'
import { openShift, openVolunteer } from '@/features/volunteer/routes'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { SectionTitle } from '@/ui/SectionTitle'
import { StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import { disabledIf } from '@/ui/disabled'
import { refusalText } from '../parts/errors'
import { partsMessages, type PartsKey } from '../parts/messages'
import { Notice } from '../parts/Notice'
import { IconLine } from '@/ui/Icon'
import { shield } from '@/ui/icons'
import { speech } from '../parts/icons'
import { ShiftCard } from '../parts/ShiftCard'
import { Tick } from '../parts/Tick'
import { useTitle } from '@/ui/useTitle'
import { teamMessages } from './messages'
import '../parts/parts.scss'
import './index.scss'
import '@/ui/forms.scss'

type TeamKey = keyof (typeof teamMessages)['zh-CN']
type Flash = { kind: 'ok' | 'error'; text: string } | null

export default function TeamPage() {
  const t = useT(teamMessages)
  const tp = useT(partsMessages)
  const tc = useT(common)
  const locale = useSettings((state) => state.locale)
  const me = useSession((state) => state.me)
  const teamId = useRouter().params.id ?? ''
  const view = useCloud(volunteer.viewTeam, teamId ? { teamId } : null)
  const [flash, setFlash] = useState<Flash>(null)
  const [busy, setBusy] = useState(false)
  const [confirmLeave, setConfirmLeave] = useState(false)
  const shownBefore = useRef(false)
  useTitle(view.data ? localized(view.data.team.name, locale) : t('title'))
  useDidShow(() => {
    if (shownBefore.current) void view.reload()
    shownBefore.current = true
  })

  if (view.error && !view.data) return <Screen><StatusView kind="error" error={view.error} onRetry={() => void view.reload()} /></Screen>
  if (!view.data) return <Screen><StatusView kind="loading" /></Screen>
  const { team, mine, canManage, upcoming } = view.data
  const resident = verifiedHomes(me).length > 0

  async function act(run: () => Promise<Membership>, ok: string) {
    if (busy) return
    setBusy(true)
    try {
      await run()
      setFlash({ kind: 'ok', text: ok })
      setConfirmLeave(false)
      await view.reload()
    } catch (error) {
      setFlash({ kind: 'error', text: refusalText(tp, tc, error) })
    } finally {
      setBusy(false)
    }
  }

  const status = mine?.status
  const trainingList = (mine?.trainings ?? []).map((key) => tp(`training.${key}` as PartsKey)).join('、')

  return (
    <Screen className="vol-team">
      <Text className="title">{localized(team.name, locale)}</Text>
      <View className="card vol-facts">
        <Text>{localized(team.purpose, locale)}</Text>
        <Text className="muted">{`${t('leader', { name: team.leaderName })} · ${t('members', { count: team.memberCount })}`}</Text>
        {team.risky ? <IconLine shape={shield} className="vol-team__risky">{t('risky')}</IconLine> : null}
      </View>

      {flash ? <Notice kind={flash.kind}>{flash.text}</Notice> : null}

      <View className="card stack">
        {status === 'member' ? <Notice kind="ok">{t('member')}</Notice> : null}
        {status === 'pending' ? <Notice kind="info">{t('pending')}</Notice> : null}
        {status === 'left' && !flash ? <Text className="muted">{t('left')}</Text> : null}
        {status === 'rejected' ? <Text className="muted">{t('rejected')}</Text> : null}
        {status === 'member' && mine?.insuredUntil ? <IconLine shape={shield}>{t('insured', { day: dayLabel(mine.insuredUntil, locale, { year: true }) })}</IconLine> : null}
        {status === 'member' && team.risky && !mine?.insuredUntil ? <Notice kind="warn">{t('notInsured')}</Notice> : null}
        {status === 'member' && trainingList ? <Text>{t('trainings', { list: trainingList })}</Text> : null}

        {status !== 'member' && status !== 'pending' ? (
          resident ? (
            <Button className="btn btn--block vol-team__join" disabled={disabledIf(busy)} onClick={() => void act(() => call(volunteer.joinTeam, { teamId }, newRequestId()), t('joined'))}>
              {t('join')}
            </Button>
          ) : (
            <View className="stack">
              <Notice kind="info">{t('bindFirst')}</Notice>
              <Button className="btn btn--block" onClick={() => void Taro.navigateTo({ url: '/packages/account/join/index' })}>
                {t('bindAction')}
              </Button>
            </View>
          )
        ) : null}

        {status === 'member' || status === 'pending' ? (
          confirmLeave ? (
            <View className="stack">
              <Notice kind="warn">{t('leaveWarn')}</Notice>
              <Button className="btn btn--block" disabled={disabledIf(busy)} onClick={() => void act(() => call(volunteer.leaveTeam, { teamId }, newRequestId()), t('leftNow'))}>
                {t('leaveSure')}
              </Button>
              <Button className="btn btn--ghost btn--block" onClick={() => setConfirmLeave(false)}>
                {t('keep')}
              </Button>
            </View>
          ) : (
            <Button className="btn btn--ghost btn--block" onClick={() => setConfirmLeave(true)}>
              {t('leave')}
            </Button>
          )
        ) : null}
      </View>

      <SectionTitle title={t('upcoming')} />
      {upcoming.length === 0 ? <Text className="muted">{t('noShifts')}</Text> : null}
      {upcoming.map((shift) => (
        <ShiftCard key={shift.id} shift={shift} onTap={() => openShift(shift.id)} />
      ))}

      {canManage ? <LeaderTools teamId={teamId} t={t} onChanged={() => void view.reload()} /> : null}
    </Screen>
  )
}

/** The team leader's part of the page: requests to join, and members' insurance and trainings. */
function LeaderTools({ teamId, t, onChanged }: { teamId: string; t: T<TeamKey>; onChanged: () => void }) {
  const tp = useT(partsMessages)
  const tc = useT(common)
  const locale = useLocale()
  const requests = useCloud(volunteer.joinRequests, { teamId })
  const members = useCloud(volunteer.listMembers, { teamId })
  const [flash, setFlash] = useState<Flash>(null)
  const [editing, setEditing] = useState<string | null>(null)

  async function decide(volunteerId: string, approve: boolean) {
    try {
      await call(volunteer.decideJoin, { teamId, volunteerId, approve }, newRequestId())
      setFlash(null)
      await Promise.all([requests.reload(), members.reload()])
      onChanged()
    } catch (error) {
      setFlash({ kind: 'error', text: refusalText(tp, tc, error) })
    }
  }

  return (
    <View className="vol-team__manage">
      <SectionTitle title={t('manage')} />
      <Button className="btn btn--block" onClick={() => openVolunteer('create', { teamId })}>
        {t('createShift')}
      </Button>
      {flash ? <Notice kind={flash.kind}>{flash.text}</Notice> : null}

      <Text className="subtitle">{t('requests')}</Text>
      <View className="card">
        {requests.data?.length === 0 ? <Text className="muted">{t('noRequests')}</Text> : null}
        {requests.data?.map((request) => (
          <View key={request.volunteerId} className="vol-row">
            <View className="vol-row__main">
              <Text className="vol-row__title">{request.name}</Text>
              <Text className="vol-row__sub">{t('requestedAt', { date: dayText(locale, request.requestedAt) })}</Text>
              <View className="vol-actions">
                <Button className="btn" onClick={() => void decide(request.volunteerId, true)}>
                  {t('approve')}
                </Button>
                <Button className="btn btn--ghost" onClick={() => void decide(request.volunteerId, false)}>
                  {t('reject')}
                </Button>
              </View>
            </View>
          </View>
        ))}
      </View>

      <Text className="subtitle">{t('memberList')}</Text>
      <View className="card">
        {members.data?.length === 0 ? <Text className="muted">{t('noMembers')}</Text> : null}
        {members.data?.map((member) =>
          editing === member.volunteerId ? (
            <QualificationForm key={member.volunteerId} teamId={teamId} member={member} t={t} onDone={() => { setEditing(null); void members.reload() }} />
          ) : (
            <View key={member.volunteerId} className="vol-row">
              <View className="vol-row__main">
                <Text className="vol-row__title">{member.name}</Text>
                <IconLine shape={shield} className="vol-row__sub">{member.insuredUntil ? t('insured', { day: dayLabel(member.insuredUntil, locale, { year: true }) }) : t('noInsurance')}</IconLine>
                {member.trainings.length > 0 ? <Text className="vol-row__sub">{t('trainings', { list: member.trainings.map((key) => tp(`training.${key}` as PartsKey)).join('、') })}</Text> : null}
                {member.languages.length > 0 ? <IconLine shape={speech} className="vol-row__sub">{t('speaks', { list: member.languages.map((key) => tp(`lang.${key}` as PartsKey)).join('、') })}</IconLine> : null}
                <Button className="btn btn--quiet vol-team__edit" onClick={() => setEditing(member.volunteerId)}>
                  {t('editQual')}
                </Button>
              </View>
            </View>
          ),
        )}
      </View>
    </View>
  )
}

function QualificationForm({ teamId, member, t, onDone }: { teamId: string; member: MemberRow; t: T<TeamKey>; onDone: () => void }) {
  const tp = useT(partsMessages)
  const tc = useT(common)
  const locale = useLocale()
  const [insuredUntil, setInsuredUntil] = useState<string | null>(member.insuredUntil)
  const [trainings, setTrainings] = useState<Training[]>(member.trainings)
  const [error, setError] = useState<string | null>(null)

  async function save() {
    try {
      await call(volunteer.qualifyMember, { teamId, volunteerId: member.volunteerId, insuredUntil, trainings }, newRequestId())
      onDone()
    } catch (caught) {
      setError(refusalText(tp, tc, caught))
    }
  }

  return (
    <View className="vol-row vol-team__form">
      <View className="vol-row__main">
        <Text className="vol-row__title">{member.name}</Text>
        <Text className="label">{t('insuredUntil')}</Text>
        <Picker mode="date" value={insuredUntil ?? ''} onChange={(event) => setInsuredUntil(String(event.detail.value))}>
          <View className="field vol-team__picker">{insuredUntil ? dayLabel(insuredUntil, locale, { year: true }) : t('pickDay')}</View>
        </Picker>
        {insuredUntil ? (
          <Button className="btn btn--quiet vol-team__edit" onClick={() => setInsuredUntil(null)}>
            {t('clearInsurance')}
          </Button>
        ) : null}
        <View className="vol-team__trainings">
          {TRAININGS.map((key) => (
            <Tick key={key} on={trainings.includes(key)} label={tp(`training.${key}` as PartsKey)} onChange={(on) => setTrainings(on ? [...trainings, key] : trainings.filter((item) => item !== key))} />
          ))}
        </View>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <View className="vol-actions">
          <Button className="btn" onClick={() => void save()}>
            {t('save')}
          </Button>
          <Button className="btn btn--ghost" onClick={onDone}>
            {t('close')}
          </Button>
        </View>
      </View>
    </View>
  )
}
