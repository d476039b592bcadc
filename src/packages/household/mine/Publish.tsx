import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import * as account from '@contracts/account'
import * as household from '@contracts/household'
import { POLICY_VERSIONS } from '@contracts/model'
import { call } from '@/core/api'
import { useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { cardUrl } from '@/features/household/badges'
import { disabledIf } from '@/features/household/format'
import { messages } from '@/features/household/messages'
import { publishStep } from '@/features/household/model'
import { ErrorNotice, Notice } from '@/features/household/parts'
import { useSubmit } from '@/features/household/useSubmit'
import type { PanelProps } from './panel'

/**
 * Showing the badge is the household's decision, with the member's separate consent (PIPL Art. 25) recorded on the
 * account first. Withdrawing is one tap with no confirmation: it is harmless and can be undone.
 */
export function Publish({ home, party, onChange }: PanelProps) {
  const t = useT(messages)
  const submit = useSubmit()
  const [said, setSaid] = useState<'published' | 'withdrawn' | null>(null)
  const step = publishStep(party)

  async function run(publish: boolean, consentFirst: boolean) {
    setSaid(null)
    const next = await submit.run(async () => {
      if (consentFirst) {
        await call(account.grantConsent, { purpose: 'publish_household', version: POLICY_VERSIONS.publish_household })
        void useSession.getState().refresh()
      }
      return call(household.publish, { householdId: home.householdId, publish })
    })
    if (next) {
      onChange(next)
      setSaid(publish ? 'published' : 'withdrawn')
    }
  }

  return (
    <View className={`card stack ${step === 'consent' ? 'household-mine__consent' : ''}`}>
      <Text className="household-mine__state">{party.shown ? t('shownNow') : t('hiddenNow')}</Text>
      {step === 'withdraw' ? (
        <View className="stack">
          <Button className="btn btn--block" disabled={disabledIf(submit.busy)} onClick={() => void run(false, false)}>
            {t('withdraw')}
          </Button>
          <Text className="muted">{t('withdrawHint')}</Text>
          <Button className="btn btn--ghost btn--block" onClick={() => void Taro.navigateTo({ url: cardUrl(home.householdId) })}>
            {`${t('viewCard')} ›`}
          </Button>
        </View>
      ) : null}
      {step === 'publish' ? (
        <Button className="btn btn--block" disabled={disabledIf(submit.busy)} onClick={() => void run(true, false)}>
          {t('publish')}
        </Button>
      ) : null}
      {step === 'consent' ? (
        <View className="stack">
          <Text className="subtitle">{t('consentTitle')}</Text>
          <Text>{t('consentBody', { name: party.displayName })}</Text>
          <Button className="btn btn--block" disabled={disabledIf(submit.busy)} onClick={() => void run(true, true)}>
            {t('consentAndPublish')}
          </Button>
        </View>
      ) : null}
      {said ? <Notice kind="ok">{t(said)}</Notice> : null}
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
    </View>
  )
}
