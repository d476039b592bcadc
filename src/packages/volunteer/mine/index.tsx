import { Button, Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import * as volunteer from '@contracts/volunteer'
import { formatHours, LANGUAGE_SKILLS, type LanguageSkill } from '@domain/volunteer'
import { call, newRequestId } from '@/core/api'
import { useT } from '@/core/i18n'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { whenText } from '@/features/volunteer/format'
import { openShift, openVolunteer } from '@/features/volunteer/routes'
import { dateMessages } from '@/features/volunteer/sectionMessages'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { SectionTitle } from '@/ui/SectionTitle'
import { StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import { disabledIf } from '@/ui/disabled'
import { refusalText } from '../parts/errors'
import { partsMessages, type PartsKey } from '../parts/messages'
import { Notice } from '../parts/Notice'
import { ShiftCard } from '../parts/ShiftCard'
import { Tick } from '../parts/Tick'
import { useTitle } from '@/ui/useTitle'
import { mineMessages } from './messages'
import '../parts/parts.scss'
import './index.scss'
import '@/ui/forms.scss'

const HISTORY_LIMIT = 200

export default function MyHoursPage() {
  const t = useT(mineMessages)
  const td = useT(dateMessages)
  const tp = useT(partsMessages)
  const tc = useT(common)
  const locale = useSettings((state) => state.locale)
  const hours = useCloud(volunteer.myHours, {})
  const [name, setName] = useState('')
  const [languages, setLanguages] = useState<LanguageSkill[]>([])
  const [saved, setSaved] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const shownBefore = useRef(false)
  useTitle(t('title'))
  useDidShow(() => {
    if (shownBefore.current) void hours.reload()
    shownBefore.current = true
  })
  useEffect(() => {
    if (!hours.data) return
    setName(hours.data.name)
    setLanguages(hours.data.languages)
  }, [hours.data])

  if (hours.error && !hours.data) return <Screen><StatusView kind="error" error={hours.error} onRetry={() => void hours.reload()} /></Screen>
  if (!hours.data) return <Screen><StatusView kind="loading" /></Screen>
  const data = hours.data
  const h = (minutes: number) => td('hours', { hours: formatHours(minutes) })
  const pending = data.totalMinutes - data.confirmedMinutes

  async function saveProfile() {
    try {
      await call(volunteer.updateProfile, { name: name.trim() || undefined, languages }, newRequestId())
      setSaved({ kind: 'ok', text: t('saved') })
      await hours.reload()
    } catch (error) {
      setSaved({ kind: 'error', text: refusalText(tp, tc, error) })
    }
  }

  return (
    <Screen className="vol-mine">
      <View className="card">
        <Text className="muted">{t('confirmed')}</Text>
        <Text className="vol-big-number vol-mine__total">{h(data.confirmedMinutes)}</Text>
        {pending > 0 ? <Text className="vol-mine__pending">{t('pending', { hours: h(pending) })}</Text> : null}
        <Button className="btn btn--block vol-mine__certificate" disabled={disabledIf(data.confirmedMinutes === 0)} onClick={() => openVolunteer('certificate')}>
          {`${t('certificate')}`}
        </Button>
        {data.confirmedMinutes === 0 ? <Text className="muted vol-mine__hint">{tp('refuse.no_hours')}</Text> : null}
        <Text className="vol-rule vol-mine__rule">{tp('rule')}</Text>
      </View>

      {data.perTeam.length > 0 ? (
        <View>
          <SectionTitle title={t('perTeam')} />
          <View className="card">
            {data.perTeam.map((team) => (
              <View key={team.teamId} className="vol-row">
                <Text className="vol-row__title">{localized(team.teamName, locale)}</Text>
                <Text className="vol-row__value">{t('teamLine', { hours: h(team.minutes), n: team.shifts })}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      {data.upcoming.length > 0 ? (
        <View>
          <SectionTitle title={t('upcoming')} />
          {data.upcoming.map((shift) => (
            <ShiftCard
              key={shift.id}
              shift={shift}
              extra={shift.mine.status === 'waitlisted' ? t('waitlisted', { n: shift.mine.waitPosition ?? '' }) : t('signedUp')}
              onTap={() => openShift(shift.id)}
            />
          ))}
        </View>
      ) : null}

      <SectionTitle title={t('history')} />
      <View className="card">
        {data.history.length === 0 ? <Text className="muted">{t('noHistory')}</Text> : null}
        {data.history.map((entry) => (
          <Button key={entry.shiftId} className="vol-mine__entry" onClick={() => openShift(entry.shiftId)}>
            <View className="vol-row__main">
              <Text className="vol-row__title">{`${entry.title} · ${localized(entry.teamName, locale)}`}</Text>
              <Text className="vol-row__sub">{whenText(locale, entry.startAt, entry.endAt)}</Text>
              <Text className="vol-row__sub">
                {`${entry.status === 'confirmed' ? t('statusConfirmed') : t('statusRecorded')}${entry.source === 'manual' ? ` · ${t('manual')}` : ''}`}
              </Text>
            </View>
            <Text className="vol-row__value">{h(entry.minutes)}</Text>
          </Button>
        ))}
        {data.history.length >= HISTORY_LIMIT ? <Text className="muted">{t('historyLimit')}</Text> : null}
      </View>

      <SectionTitle title={t('profile')} />
      <View className="card">
        <Text className="label">{t('name')}</Text>
        <Input className="field" aria-label={t('name')} value={name} maxlength={20} onInput={(event) => setName(event.detail.value)} />
        <Text className="muted vol-mine__hint">{t('nameHint')}</Text>
        <Text className="label">{t('languages')}</Text>
        {LANGUAGE_SKILLS.map((key) => (
          <Tick key={key} on={languages.includes(key)} label={tp(`lang.${key}` as PartsKey)} onChange={(on) => setLanguages(on ? [...languages, key] : languages.filter((item) => item !== key))} />
        ))}
        {saved ? <Notice kind={saved.kind}>{saved.text}</Notice> : null}
        <Button className="btn btn--block" onClick={() => void saveProfile()}>
          {t('save')}
        </Button>
      </View>
    </Screen>
  )
}
