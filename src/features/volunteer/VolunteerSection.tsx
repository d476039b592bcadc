import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'
import * as volunteer from '@contracts/volunteer'
import type { Locale } from '@contracts/model'
import type { ShiftSummary } from '@contracts/volunteer'
import { formatHours } from '@domain/hours'
import { useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { localized } from '@/ui/text'
import { IconLine } from '@/ui/Icon'
import { hourglass } from '@/ui/icons'
import { whenText } from './format'
import { openShift, openTeam, openVolunteer } from './routes'
import { dateMessages, sectionMessages } from './sectionMessages'
import './section.scss'

/** How many coming shifts the tab shows; each team's page lists all of its own. */
const UPCOMING_SHOWN = 4

/**
 * The 志愿 tab's part of this feature: my hours and my next shifts, the shifts coming up (places left first), and
 * the doors to the leader's and the admin's pages. Everything else is in the volunteer subpackage.
 */
export function VolunteerSection() {
  const t = useT(sectionMessages)
  const td = useT(dateMessages)
  const locale = useSettings((state) => state.locale)
  const me = useSession((state) => state.me)
  const mine = useCloud(volunteer.myHours, {})
  const upcoming = useCloud(volunteer.upcomingShifts, {})
  const shownBefore = useRef(false)
  // Back from signing up or checking out in the subpackage: show the new state.
  useDidShow(() => {
    if (shownBefore.current) {
      void mine.reload()
      void upcoming.reload()
    }
    shownBefore.current = true
  })

  const roles = me?.roles ?? []
  const leads = roles.some((grant) => grant.role === 'team_leader' || grant.role === 'admin')
  const admin = roles.some((grant) => grant.role === 'admin')
  const hours = mine.data
  const pendingMinutes = hours ? hours.totalMinutes - hours.confirmedMinutes : 0
  const heldIds = new Set(hours?.upcoming.map((shift) => shift.id) ?? [])
  const coming = [...(upcoming.data ?? [])]
    .filter((shift) => !heldIds.has(shift.id))
    // Shifts that still need people first; then the soonest.
    .sort((a, b) => Number(a.staffing === 'full') - Number(b.staffing === 'full'))
    .slice(0, UPCOMING_SHOWN)

  return (
    <View className="vol-section">
      <View className="card vol-section__mine">
        <Text className="subtitle vol-section__title">{t('mineTitle')}</Text>
        {hours ? (
          <View>
            <Text className="muted">{t('hoursLabel')}</Text>
            <Text className="vol-section__hours">{td('hours', { hours: formatHours(hours.confirmedMinutes) })}</Text>
            {pendingMinutes > 0 ? (
              <IconLine shape={hourglass} className="muted vol-section__pending">
                {t('pending', { hours: td('hours', { hours: formatHours(pendingMinutes) }) })}
              </IconLine>
            ) : null}
            {hours.totalMinutes === 0 ? <Text className="muted vol-section__pending">{t('noHours')}</Text> : null}
            {hours.upcoming.length > 0 ? <Text className="label">{t('next')}</Text> : null}
            {hours.upcoming.slice(0, 2).map((shift) => (
              <ShiftRow key={shift.id} locale={locale} shift={shift} status={shift.mine.status === 'waitlisted' ? t('waitlisted', { n: shift.mine.waitPosition ?? '' }) : t('confirmed')} />
            ))}
          </View>
        ) : null}
        <Button className="btn btn--block vol-section__open" onClick={() => openVolunteer('mine')}>
          {`${t('openMine')} ›`}
        </Button>
        {leads ? (
          <Button className="btn btn--ghost btn--block vol-section__open" onClick={() => openVolunteer('lead')}>
            {`${t('lead')} ›`}
          </Button>
        ) : null}
        {admin ? (
          <Button className="btn btn--ghost btn--block vol-section__open" onClick={() => openVolunteer('admin')}>
            {`${t('admin')} ›`}
          </Button>
        ) : null}
      </View>

      <Text className="subtitle vol-section__upcoming">{t('upcomingTitle')}</Text>
      {upcoming.data && coming.length === 0 ? <Text className="muted">{t('noUpcoming')}</Text> : null}
      {coming.map((shift) => (
        <ShiftRow key={shift.id} locale={locale} shift={shift} team={localized(shift.teamName, locale)} status={shift.staffing === 'full' ? t('full') : t('placesLeft', { n: shift.capacity - shift.taken })} />
      ))}
    </View>
  )

}

function ShiftRow({ locale, shift, status, team }: { locale: Locale; shift: ShiftSummary; status: string; team?: string }) {
  return (
    <Button className="vol-section__shift" onClick={() => openShift(shift.id)}>
      <View className="vol-section__shift-body">
        <Text className="vol-section__shift-title">{team ? `${shift.title} · ${team}` : shift.title}</Text>
        <Text className="vol-section__shift-when">{whenText(locale, shift.startAt, shift.endAt)}</Text>
        <Text className="vol-section__shift-status">{status}</Text>
      </View>
      <Text className="vol-section__chevron" aria-hidden="true">
        ›
      </Text>
    </Button>
  )
}

/** The way from a team's card on the 志愿 tab to its page (details, shifts, asking to join). */
export function TeamLink({ teamId }: { teamId: string }) {
  const t = useT(sectionMessages)
  return (
    <Button className="btn btn--ghost btn--block vol-section__team-link" onClick={() => openTeam(teamId)}>
      {`${t('openTeam')} ›`}
    </Button>
  )
}
