import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'
import * as volunteer from '@contracts/volunteer'
import { useT } from '@/core/i18n'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { openTeam, openVolunteer } from '@/features/volunteer/routes'
import { Screen } from '@/ui/Screen'
import { SectionTitle } from '@/ui/SectionTitle'
import { StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import { leadMessages } from '../parts/leadMessages'
import { Notice } from '../parts/Notice'
import { ShiftCard } from '../parts/ShiftCard'
import { useTitle } from '@/ui/useTitle'
import '../parts/parts.scss'
import './index.scss'

/** Every team the caller leads: requests to join, hours to confirm, and the coming shifts with understaffing flagged. */
export default function LeadPage() {
  const t = useT(leadMessages)
  const locale = useSettings((state) => state.locale)
  const overview = useCloud(volunteer.leadOverview, {})
  const shownBefore = useRef(false)
  useTitle(t('leadTitle'))
  useDidShow(() => {
    if (shownBefore.current) void overview.reload()
    shownBefore.current = true
  })

  if (overview.error && !overview.data) return <Screen><StatusView kind="error" error={overview.error} onRetry={() => void overview.reload()} /></Screen>
  if (!overview.data) return <Screen><StatusView kind="loading" /></Screen>

  return (
    <Screen className="vol-lead">
      {overview.data.teams.map(({ team, pending, awaitingConfirmation, shifts, recent }) => (
        <View key={team.id} className="vol-lead__team">
          <SectionTitle title={localized(team.name, locale)} />
          {pending > 0 ? <Notice kind="warn">{t('pendingRequests', { n: pending })}</Notice> : null}
          {awaitingConfirmation > 0 ? <Notice kind="warn">{t('awaiting', { n: awaitingConfirmation })}</Notice> : null}
          <View className="stack vol-lead__actions">
            <Button className="btn btn--block" onClick={() => openVolunteer('create', { teamId: team.id })}>
              {t('create')}
            </Button>
            <Button className="btn btn--ghost btn--block" onClick={() => openTeam(team.id)}>
              {`${t('openTeam')} ›`}
            </Button>
          </View>
          <View className="vol-lead__shifts">
            {shifts.length === 0 ? <Text className="muted">{t('noShifts')}</Text> : null}
            {shifts.map((shift) => (
              <ShiftCard key={shift.id} shift={shift} onTap={() => openVolunteer('roster', { id: shift.id })} />
            ))}
          </View>
          {recent.length > 0 ? <Text className="subtitle">{t('recent')}</Text> : null}
          {recent.map((shift) => (
            <ShiftCard key={shift.id} shift={shift} extra={shift.toConfirm > 0 ? t('toConfirm', { n: shift.toConfirm }) : undefined} onTap={() => openVolunteer('roster', { id: shift.id })} />
          ))}
        </View>
      ))}
    </Screen>
  )
}
