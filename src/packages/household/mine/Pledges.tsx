import { Button, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import * as household from '@contracts/household'
import type { MyHousehold, Pledge, PledgeCategory } from '@contracts/household'
import { checkPublicText, MAX_ACTIVE_PLEDGES, PLEDGE_CATEGORIES, PLEDGE_TEXT } from '@domain/household'
import { call } from '@/core/api'
import { useT } from '@/core/i18n'
import { CATEGORY_GLYPHS, categoryKey, disabledIf, personalKey } from '@/features/household/format'
import { messages, type HouseholdKey } from '@/features/household/messages'
import { activePledges, canAddPledge } from '@/features/household/model'
import { CategoryTag, ErrorNotice, Notice } from '@/features/household/parts'
import { useSubmit } from '@/features/household/useSubmit'
import { SectionTitle } from '@/ui/SectionTitle'
import type { PanelProps } from './panel'
import '@/ui/forms.scss'

/** 承诺: a few active pledges in categories; edits keep the earlier wording, retired ones stay in the record. */
export function Pledges({ home, party, onChange }: PanelProps) {
  const t = useT(messages)
  const submit = useSubmit()
  const [editing, setEditing] = useState<Pledge | 'new' | null>(null)
  const active = activePledges(party.pledges)

  async function retire(pledge: Pledge) {
    const next = await submit.run(() => call(household.retirePledge, { householdId: home.householdId, pledgeId: pledge.id }))
    if (next) onChange(next)
  }

  return (
    <View>
      <SectionTitle title={t('myPledges')} />
      <View className="card">
        <Text className="muted">{t('pledgeCount', { count: active.length, max: MAX_ACTIVE_PLEDGES })}</Text>
        {party.pledges.map((pledge) =>
          editing !== 'new' && editing?.id === pledge.id ? (
            <PledgeForm key={pledge.id} home={home} pledge={pledge} onDone={(next) => (next ? (onChange(next), setEditing(null)) : setEditing(null))} />
          ) : (
            <View key={pledge.id} className={`household-mine__pledge stack ${pledge.status === 'retired' ? 'household-mine__retired' : ''}`}>
              <CategoryTag category={pledge.category} />
              <Text>{pledge.status === 'retired' ? `${t('retired')} · ${pledge.text}` : pledge.text}</Text>
              {pledge.revisions.map((revision) => (
                <Text key={revision.at} className="muted">
                  {t('earlier', { text: revision.text })}
                </Text>
              ))}
              {pledge.status === 'active' ? (
                <View className="household-actions">
                  <Button className="btn btn--ghost" disabled={disabledIf(submit.busy)} onClick={() => setEditing(pledge)}>
                    {t('edit')}
                  </Button>
                  <Button className="btn btn--ghost" disabled={disabledIf(submit.busy)} onClick={() => void retire(pledge)}>
                    {t('retire')}
                  </Button>
                </View>
              ) : null}
            </View>
          ),
        )}
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
        {editing === 'new' ? (
          <PledgeForm home={home} pledge={null} onDone={(next) => (next ? (onChange(next), setEditing(null)) : setEditing(null))} />
        ) : canAddPledge(party.pledges) ? (
          <Button className="btn btn--block household-mine__add" onClick={() => setEditing('new')}>
            {`＋ ${t('addPledge')}`}
          </Button>
        ) : (
          <Notice kind="info">{t('maxPledges')}</Notice>
        )}
      </View>
    </View>
  )
}

function PledgeForm({ home, pledge, onDone }: { home: MyHousehold; pledge: Pledge | null; onDone: (next: MyHousehold | null) => void }) {
  const t = useT(messages)
  const submit = useSubmit()
  const [category, setCategory] = useState<PledgeCategory>(pledge?.category ?? 'mutual_aid')
  const [text, setText] = useState(pledge?.text ?? '')
  const [problem, setProblem] = useState<HouseholdKey | null>(null)

  async function save() {
    const trimmed = text.trim()
    if ([...trimmed].length < PLEDGE_TEXT.min) return setProblem('pledgeHint')
    const personal = checkPublicText(trimmed)
    if (personal) return setProblem(personalKey(personal))
    setProblem(null)
    const next = await submit.run((requestId) =>
      call(household.savePledge, { householdId: home.householdId, ...(pledge ? { pledgeId: pledge.id } : {}), category, text: trimmed }, requestId),
    )
    if (next) onDone(next)
  }

  return (
    <View className="stack household-mine__pledge">
      <Text className="label">{t('category')}</Text>
      <View className="household-choices">
        {PLEDGE_CATEGORIES.map((option) => {
          const on = option === category
          return (
            <Button key={option} className={`btn household-choice ${on ? 'household-choice--on' : 'btn--ghost'}`} aria-pressed={on} onClick={() => setCategory(option)}>
              {`${on ? '✓ ' : ''}${CATEGORY_GLYPHS[option]} ${t(categoryKey(option))}`}
            </Button>
          )
        })}
      </View>
      <Text className="label">{t('pledgeText')}</Text>
      <Textarea className="field household-textarea" value={text} maxlength={PLEDGE_TEXT.max} aria-label={t('pledgeText')} onInput={(event) => setText(event.detail.value)} />
      <Text className="muted">{t('pledgeHint')}</Text>
      {problem ? <Notice kind="error">{t(problem)}</Notice> : null}
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
      <View className="household-actions">
        <Button className="btn" disabled={disabledIf(submit.busy)} onClick={() => void save()}>
          {t('save')}
        </Button>
        <Button className="btn btn--ghost" onClick={() => onDone(null)}>
          {t('cancel')}
        </Button>
      </View>
    </View>
  )
}
