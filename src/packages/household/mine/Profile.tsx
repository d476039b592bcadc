import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import * as household from '@contracts/household'
import { checkDisplayName, checkPublicText, DISPLAY_NAME, INTRO_MAX } from '@domain/household'
import { call } from '@/core/api'
import { useT } from '@/core/i18n'
import { disabledIf, nameProblemKey, personalKey } from '@/features/household/format'
import { messages, type HouseholdKey } from '@/features/household/messages'
import { ErrorNotice, Notice } from '@/features/household/parts'
import { useSubmit } from '@/features/household/useSubmit'
import { SectionTitle } from '@/ui/SectionTitle'
import type { PanelProps } from './panel'
import '@/ui/forms.scss'

/** The name and introduction neighbours read; the same rules as when applying (no full names, no phone numbers). */
export function Profile({ home, party, onChange }: PanelProps) {
  const t = useT(messages)
  const submit = useSubmit()
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(party.displayName)
  const [intro, setIntro] = useState(party.intro)
  const [problem, setProblem] = useState<HouseholdKey | null>(null)
  const [saved, setSaved] = useState(false)

  async function save() {
    const checked = checkDisplayName(name)
    if (!checked.ok) return setProblem(nameProblemKey(checked.problem))
    const personal = checkPublicText(intro)
    if (personal) return setProblem(personalKey(personal))
    setProblem(null)
    const next = await submit.run(() => call(household.updateProfile, { householdId: home.householdId, displayName: checked.value, intro: intro.trim() }))
    if (next) {
      onChange(next)
      setEditing(false)
      setSaved(true)
    }
  }

  return (
    <View>
      <SectionTitle
        title={t('profile')}
        action={
          editing
            ? undefined
            : {
                label: t('edit'),
                onTap: () => {
                  setName(party.displayName)
                  setIntro(party.intro)
                  setSaved(false)
                  setEditing(true)
                },
              }
        }
      />
      <View className="card stack">
        {editing ? (
          <View className="stack">
            <Text className="label">{t('nameLabel')}</Text>
            <Input className="field" value={name} maxlength={DISPLAY_NAME.max} aria-label={t('nameLabel')} onInput={(event) => setName(event.detail.value)} />
            <Text className="muted">{t('nameHint')}</Text>
            <Text className="label">{t('introLabel')}</Text>
            <Textarea className="field household-textarea" value={intro} maxlength={INTRO_MAX} aria-label={t('introLabel')} onInput={(event) => setIntro(event.detail.value)} />
            {problem ? <Notice kind="error">{t(problem)}</Notice> : null}
            {submit.error ? <ErrorNotice error={submit.error} /> : null}
            <View className="household-actions">
              <Button className="btn" disabled={disabledIf(submit.busy)} onClick={() => void save()}>
                {t('save')}
              </Button>
              <Button className="btn btn--ghost" onClick={() => setEditing(false)}>
                {t('cancel')}
              </Button>
            </View>
          </View>
        ) : (
          <View className="stack">
            <Text className="household-header__name">{party.displayName}</Text>
            {party.intro ? <Text>{party.intro}</Text> : null}
            {saved ? <Notice kind="ok">{t('saved')}</Notice> : null}
          </View>
        )}
      </View>
    </View>
  )
}
