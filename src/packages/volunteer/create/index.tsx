import { Button, Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import * as volunteer from '@contracts/volunteer'
import { CloudError, call, newRequestId } from '@/core/api'
import { useT } from '@/core/i18n'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { LANGUAGE_SKILLS, TRAININGS, type LanguageSkill, type Training } from '@domain/volunteer'
import { addDays, chinaDay } from '@domain/time'
import { openVolunteer } from '@/features/volunteer/routes'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import { disabledIf } from '@/ui/disabled'
import { refusalText } from '../parts/errors'
import { leadMessages } from '../parts/leadMessages'
import { partsMessages, type PartsKey } from '../parts/messages'
import { Notice } from '../parts/Notice'
import { Tick } from '../parts/Tick'
import { useTitle } from '@/ui/useTitle'
import '../parts/parts.scss'
import './index.scss'
import '@/ui/forms.scss'

const WEEKS = [1, 2, 4, 8, 12]
const CLOSE_HOURS = [0, 2, 12, 24]
const CANCEL_HOURS = [2, 12, 24, 48]

/** A team leader plans a shift (or a weekly series) for their team. */
export default function CreateShiftPage() {
  const t = useT(leadMessages)
  const tp = useT(partsMessages)
  const tc = useT(common)
  const locale = useSettings((state) => state.locale)
  const teamId = useRouter().params.teamId ?? ''
  const team = useCloud(volunteer.viewTeam, teamId ? { teamId } : null)
  const [title, setTitle] = useState('')
  const [place, setPlace] = useState('')
  const [day, setDay] = useState(addDays(chinaDay(new Date()), 1))
  const [start, setStart] = useState('09:00')
  const [end, setEnd] = useState('11:00')
  const [capacity, setCapacity] = useState(6)
  const [weeks, setWeeks] = useState(1)
  const [closeHours, setCloseHours] = useState(0)
  const [cancelHours, setCancelHours] = useState(24)
  const [language, setLanguage] = useState<LanguageSkill | null>(null)
  const [training, setTraining] = useState<Training | null>(null)
  const [insurance, setInsurance] = useState(false)
  const [ageHealth, setAgeHealth] = useState(false)
  const [flash, setFlash] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  useTitle(t('createTitle'))

  if (team.error && !team.data) return <Screen><StatusView kind="error" error={team.error} onRetry={() => void team.reload()} /></Screen>
  if (!team.data) return <Screen><StatusView kind="loading" /></Screen>
  const risky = team.data.team.risky

  async function submit() {
    if (!title.trim() || !place.trim() || !day || !start || !end) {
      setFlash({ kind: 'error', text: t('missing') })
      return
    }
    setBusy(true)
    try {
      const created = await call(
        volunteer.createShifts,
        { teamId, title, place, day, start, end, capacity, weeks, closeHours, cancelHours, requirements: { language, training, insurance: insurance || risky, ageHealth } },
        newRequestId(),
      )
      setFlash({ kind: 'ok', text: t('created', { n: created.length }) })
      // Straight to the first shift's list, where the leader will check people in.
      if (created[0]) {
        await Taro.redirectTo({ url: `/packages/volunteer/roster/index?id=${encodeURIComponent(created[0].id)}` }).catch(() => openVolunteer('roster', { id: created[0].id }))
      }
    } catch (error) {
      const field = error instanceof CloudError && error.code === 'INVALID_INPUT' ? error.field : undefined
      setFlash({ kind: 'error', text: field === 'day' ? t('fieldDay') : field === 'end' ? t('fieldEnd') : refusalText(tp, tc, error) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen className="vol-create">
      <Text className="title">{localized(team.data.team.name, locale)}</Text>
      <View className="card">
        <Text className="label">{t('name')}</Text>
        <Input className="field" aria-label={t('name')} value={title} maxlength={30} placeholder={t('namePh')} onInput={(event) => setTitle(event.detail.value)} />
        <Text className="label">{t('place')}</Text>
        <Input className="field" aria-label={t('place')} value={place} maxlength={40} placeholder={t('placePh')} onInput={(event) => setPlace(event.detail.value)} />
        <Text className="label">{t('day')}</Text>
        <Picker mode="date" value={day} onChange={(event) => setDay(String(event.detail.value))}>
          <View className="field vol-create__picker">{day || t('pick')}</View>
        </Picker>
        <View className="vol-create__times">
          <View className="vol-create__time">
            <Text className="label">{t('start')}</Text>
            <Picker mode="time" value={start} onChange={(event) => setStart(String(event.detail.value))}>
              <View className="field vol-create__picker">{start}</View>
            </Picker>
          </View>
          <View className="vol-create__time">
            <Text className="label">{t('end')}</Text>
            <Picker mode="time" value={end} onChange={(event) => setEnd(String(event.detail.value))}>
              <View className="field vol-create__picker">{end}</View>
            </Picker>
          </View>
        </View>
        <Text className="muted vol-create__hint">{t('overnight')}</Text>
        <Text className="label">{t('capacity')}</Text>
        <View className="vol-create__stepper">
          <Button className="btn btn--ghost vol-create__step" aria-label={t('minus')} onClick={() => setCapacity(Math.max(1, capacity - 1))}>
            −
          </Button>
          <Text className="vol-create__count">{capacity}</Text>
          <Button className="btn btn--ghost vol-create__step" aria-label={t('plus')} onClick={() => setCapacity(Math.min(200, capacity + 1))}>
            ＋
          </Button>
        </View>
      </View>

      <View className="card">
        <Text className="label">{t('repeat')}</Text>
        {WEEKS.map((n) => (
          <Tick key={n} on={weeks === n} label={n === 1 ? t('once') : t('weekly', { n })} onChange={() => setWeeks(n)} />
        ))}
        <Text className="label">{t('closeAt')}</Text>
        {CLOSE_HOURS.map((n) => (
          <Tick key={n} on={closeHours === n} label={n === 0 ? t('closeAtStart') : t('closeBefore', { n })} onChange={() => setCloseHours(n)} />
        ))}
        <Text className="label">{t('cancelBy')}</Text>
        {CANCEL_HOURS.map((n) => (
          <Tick key={n} on={cancelHours === n} label={t('cancelBefore', { n })} onChange={() => setCancelHours(n)} />
        ))}
      </View>

      <View className="card">
        <Text className="label">{t('needLanguage')}</Text>
        <Tick on={language === null} label={t('none')} onChange={() => setLanguage(null)} />
        {LANGUAGE_SKILLS.map((key) => (
          <Tick key={key} on={language === key} label={tp(`lang.${key}` as PartsKey)} onChange={() => setLanguage(key)} />
        ))}
        <Text className="label">{t('needTraining')}</Text>
        <Tick on={training === null} label={t('none')} onChange={() => setTraining(null)} />
        {TRAININGS.map((key) => (
          <Tick key={key} on={training === key} label={tp(`training.${key}` as PartsKey)} onChange={() => setTraining(key)} />
        ))}
        <Text className="label">{t('requirements')}</Text>
        {risky ? <Notice kind="info">{t('riskyNote')}</Notice> : <Tick on={insurance} label={t('needInsurance')} onChange={setInsurance} />}
        <Tick on={ageHealth} label={t('needAgeHealth')} onChange={setAgeHealth} />
      </View>

      {flash ? <Notice kind={flash.kind}>{flash.text}</Notice> : null}
      <Button className="btn btn--block vol-create__submit" disabled={disabledIf(busy)} onClick={() => void submit()}>
        {t('submit')}
      </Button>
    </Screen>
  )
}
