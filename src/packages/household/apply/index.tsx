import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import * as household from '@contracts/household'
import { checkDisplayName, checkPublicText, INTRO_MAX, DISPLAY_NAME } from '@domain/household'
import { call } from '@/core/api'
import { useT } from '@/core/i18n'
import { useCloud } from '@/core/useCloud'
import { HOUSEHOLD_PAGES } from '@/features/household/badges'
import { disabledIf, nameProblemKey, personalKey } from '@/features/household/format'
import { messages, type HouseholdKey } from '@/features/household/messages'
import { ErrorNotice, Notice } from '@/features/household/parts'
import { useSubmit } from '@/features/household/useSubmit'
import { useTitle } from '@/ui/useTitle'
import { applicable } from '@/features/household/model'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import './index.scss'
import '@/ui/forms.scss'

const JOIN_PAGE = '/packages/account/join/index'

export default function ApplyPage() {
  const t = useT(messages)
  useTitle(t('title_apply'))
  const preferred = useRouter().params.home
  const { data, error, loading, reload } = useCloud(household.mine, {})
  const [chosenId, setChosenId] = useState<string | null>(preferred ?? null)
  const [name, setName] = useState<string | null>(null)
  const [intro, setIntro] = useState('')
  const [problem, setProblem] = useState<HouseholdKey | null>(null)
  const [done, setDone] = useState(false)
  const submit = useSubmit()

  if (error) return <Screen className="household-page"><StatusView kind="error" error={error} onRetry={() => void reload()} /></Screen>
  if (loading || !data) return <Screen className="household-page"><StatusView kind="loading" /></Screen>

  const homes = applicable(data)
  const chosen = homes.find((home) => home.householdId === chosenId) ?? (homes.length === 1 ? homes[0] : undefined)
  // The name starts as the room number: the household adds its surname and 家.
  const shownName = name ?? (chosen ? `${chosen.room} ` : '')

  async function send() {
    if (!chosen) return
    const checked = checkDisplayName(shownName)
    if (!checked.ok) return setProblem(nameProblemKey(checked.problem))
    const personal = checkPublicText(intro)
    if (personal) return setProblem(personalKey(personal))
    setProblem(null)
    const result = await submit.run(() => call(household.apply, { householdId: chosen.householdId, displayName: checked.value, intro: intro.trim() }))
    if (result) setDone(true)
  }

  if (done) {
    return (
      <Screen className="household-page household-apply">
        <View className="card stack">
          <Notice kind="ok">{t('applied')}</Notice>
          <Button className="btn btn--block" onClick={() => void Taro.redirectTo({ url: HOUSEHOLD_PAGES.mine })}>
            {t('toMine')}
          </Button>
        </View>
      </Screen>
    )
  }

  return (
    <Screen className="household-page household-apply">
      <Text className="title">{t('title_apply')}</Text>
      <Text className="muted">{t('applyIntro')}</Text>

      {data.length === 0 ? (
        <View className="card stack household-apply__box">
          <Notice kind="info">{t('noHomes')}</Notice>
          <Button className="btn btn--block" onClick={() => void Taro.navigateTo({ url: JOIN_PAGE })}>
            {t('bindHome')}
          </Button>
        </View>
      ) : homes.length === 0 ? (
        <View className="card stack household-apply__box">
          <Notice kind="info">{t('allApplied')}</Notice>
          <Button className="btn btn--block" onClick={() => void Taro.redirectTo({ url: HOUSEHOLD_PAGES.mine })}>
            {t('toMine')}
          </Button>
        </View>
      ) : (
        <View className="card stack household-apply__box">
          {homes.length > 1 ? (
            <View>
              <Text className="label">{t('chooseHome')}</Text>
              <View className="household-choices">
                {homes.map((home) => {
                  const on = home.householdId === chosen?.householdId
                  return (
                    <Button
                      key={home.householdId}
                      className={`btn household-choice ${on ? 'household-choice--on' : 'btn--ghost'}`}
                      aria-pressed={on}
                      onClick={() => {
                        setChosenId(home.householdId)
                        setName(null)
                      }}
                    >
                      {`${on ? '✓ ' : ''}${t('where', { area: home.areaName, building: home.buildingName, unit: home.unit, room: home.room })}`}
                    </Button>
                  )
                })}
              </View>
            </View>
          ) : chosen ? (
            <Text>{t('where', { area: chosen.areaName, building: chosen.buildingName, unit: chosen.unit, room: chosen.room })}</Text>
          ) : null}

          {chosen ? (
            <View className="stack">
              <Text className="label">{t('nameLabel')}</Text>
              <Input className="field" value={shownName} maxlength={DISPLAY_NAME.max} aria-label={t('nameLabel')} onInput={(event) => setName(event.detail.value)} />
              <Text className="muted">{t('nameHint')}</Text>
              <Text className="label">{t('introLabel')}</Text>
              <Textarea className="field household-textarea" value={intro} maxlength={INTRO_MAX} aria-label={t('introLabel')} onInput={(event) => setIntro(event.detail.value)} />
              <Text className="muted">{t('introHint')}</Text>
              {problem ? <Notice kind="error">{t(problem)}</Notice> : null}
              {submit.error ? <ErrorNotice error={submit.error} /> : null}
              <Button className="btn btn--block" disabled={disabledIf(submit.busy)} onClick={() => void send()}>
                {submit.busy ? t('sending') : t('submit')}
              </Button>
            </View>
          ) : null}
        </View>
      )}
    </Screen>
  )
}
