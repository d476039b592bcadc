import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import * as admin from '@contracts/admin'
import type { CoverageRow, Dashboard } from '@contracts/admin'
import { formatHours } from '@domain/volunteer'
import { dayLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { useCloud } from '@/core/useCloud'
import { Screen } from '@/ui/Screen'
import { SectionTitle } from '@/ui/SectionTitle'
import { StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import { Bar, Legend } from '../parts/Bar'
import { More } from '@/ui/More'
import { usePages } from '@/ui/usePages'
import { useTitle } from '@/ui/useTitle'
import { dashboardMessages } from './messages'
import './index.scss'
import '../parts/parts.scss'

const WEEK_CHOICES = [4, 8, 12] as const

function Bookings({ weeks }: { weeks: NonNullable<Dashboard['bookings']> }) {
  const t = useT(dashboardMessages)
  const locale = useLocale()
  const booked = (counts: Record<string, number>) => counts.confirmed + counts.attended + counts.no_show
  const max = Math.max(1, ...weeks.map((week) => booked(week.counts)))
  return (
    <View className="card">
      <Legend items={[{ tone: 'ok', label: t('attended') }, { tone: 'warn', label: t('noShow') }, { tone: 'main', label: t('confirmed') }]} />
      {weeks.map((week) => (
        <View key={week.weekStart}>
          <Text className="dashboard__row-title">{t('week', { date: dayLabel(week.weekStart, locale, { weekday: false }) })}</Text>
          <Bar
            id={`week-${week.weekStart}`}
            parts={[
              { value: week.counts.attended, tone: 'ok' },
              { value: week.counts.no_show, tone: 'warn' },
              { value: week.counts.confirmed, tone: 'main' },
            ]}
            max={max}
            label={t('weekNumbers', { booked: booked(week.counts), attended: week.counts.attended, noShow: week.counts.no_show, cancelled: week.counts.cancelled, waitlisted: week.counts.waitlisted })}
          />
        </View>
      ))}
    </View>
  )
}

function Hours({ teams }: { teams: NonNullable<Dashboard['hours']> }) {
  const t = useT(dashboardMessages)
  const locale = useLocale()
  const max = Math.max(1, ...teams.map((team) => team.confirmedMinutes + team.recordedMinutes))
  return (
    <View className="card">
      <Legend items={[{ tone: 'ok', label: t('hoursConfirmed') }, { tone: 'soft', label: t('hoursRecorded') }]} />
      {teams.map((team) => (
        <View key={team.teamId}>
          <Text className="dashboard__row-title">{localized(team.teamName, locale)}</Text>
          <Bar
            id={`team-${team.teamId}`}
            parts={[
              { value: team.confirmedMinutes, tone: 'ok' },
              { value: team.recordedMinutes, tone: 'soft' },
            ]}
            max={max}
            label={t('hoursLine', { hours: formatHours(team.confirmedMinutes + team.recordedMinutes), confirmed: formatHours(team.confirmedMinutes), entries: team.entries })}
          />
        </View>
      ))}
    </View>
  )
}

function CoverageBars({ rows, onOpen }: { rows: CoverageRow[]; onOpen?: (row: CoverageRow) => void }) {
  const t = useT(dashboardMessages)
  return (
    <View>
      {rows.map((row) => {
        const hidden = row.verified === null ? 0 : Math.max(0, row.verified - row.shown)
        const percent = row.households > 0 ? Math.round((row.shown / row.households) * 1000) / 10 : 0
        const body = (
          <View className="dashboard__coverage">
            <Text className="dashboard__row-title">{row.name}</Text>
            <Bar
              id={`coverage-${row.id}`}
              parts={[
                { value: row.shown, tone: 'main' },
                { value: hidden, tone: 'soft' },
              ]}
              max={row.households}
              label={t('coverageLine', { shown: row.shown, households: row.households, percent })}
            />
            {row.verified !== null ? <Text className="muted">{t('coverageAdmin', { verified: row.verified, pending: row.pending ?? 0 })}</Text> : null}
          </View>
        )
        return onOpen ? (
          <Button key={row.id} className="choice dashboard__open" onClick={() => onOpen(row)}>
            {body}
            <Text className="choice__hint">{`${t('byBuilding')} ›`}</Text>
          </Button>
        ) : (
          <View key={row.id}>{body}</View>
        )
      })}
    </View>
  )
}

function AreaBuildings({ area, onBack }: { area: CoverageRow; onBack: () => void }) {
  const t = useT(dashboardMessages)
  const pages = usePages(admin.coverage, { areaId: area.id })
  return (
    <View className="card">
      <View className="row">
        <Text className="dashboard__row-title">{area.name}</Text>
        <Button className="btn btn--quiet dashboard__back" onClick={onBack}>
          {t('allAreas')}
        </Button>
      </View>
      {pages.error ? <StatusView kind="error" error={pages.error} onRetry={() => void pages.reload()} /> : null}
      {pages.loading && !pages.items ? <StatusView kind="loading" /> : null}
      {pages.items ? <CoverageBars rows={pages.items} /> : null}
      <More pages={pages} />
    </View>
  )
}

export default function DashboardPage() {
  const t = useT(dashboardMessages)
  useTitle(t('title'))
  const [weeks, setWeeks] = useState<(typeof WEEK_CHOICES)[number]>(8)
  const [area, setArea] = useState<CoverageRow | null>(null)
  const { data, error, loading, reload } = useCloud(admin.dashboard, { weeks })

  return (
    <Screen className="dashboard">
      <Text className="title">{t('title')}</Text>
      {data ? <Text className="muted dashboard__intro">{data.scope === 'community' ? t('introCommunity') : t('introOwn')}</Text> : null}
      <View className="chips">
        {WEEK_CHOICES.map((n) => (
          <Button key={n} className={`chip ${weeks === n ? 'chip--on' : ''}`} aria-pressed={weeks === n} onClick={() => setWeeks(n)}>
            {weeks === n ? `✓ ${t('weeks', { n })}` : t('weeks', { n })}
          </Button>
        ))}
      </View>
      {error ? <StatusView kind="error" error={error} onRetry={() => void reload()} /> : null}
      {loading && !data ? <StatusView kind="loading" /> : null}
      {data?.bookings ? (
        <View>
          <SectionTitle title={t('bookingsTitle')} />
          <Bookings weeks={data.bookings} />
        </View>
      ) : null}
      {data?.hours ? (
        <View>
          <SectionTitle title={t('hoursTitle')} />
          {data.hours.length > 0 ? <Hours teams={data.hours} /> : <StatusView kind="empty" message={t('nothing')} />}
        </View>
      ) : null}
      {data?.coverage ? (
        <View>
          <SectionTitle title={t('coverageTitle')} />
          {area ? (
            <AreaBuildings area={area} onBack={() => setArea(null)} />
          ) : (
            <View className="card">
              <Legend items={[{ tone: 'main', label: t('shown') }, ...(data.coverage.by === 'area' ? [{ tone: 'soft' as const, label: t('verifiedHidden') }] : [])]} />
              <CoverageBars rows={data.coverage.rows} onOpen={data.coverage.by === 'area' ? setArea : undefined} />
            </View>
          )}
        </View>
      ) : null}
    </Screen>
  )
}
