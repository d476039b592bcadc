import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import * as account from '@contracts/account'
import type { ConsentPurpose } from '@contracts/model'
import { POLICY_VERSIONS } from '@contracts/model'
import { call, newRequestId } from '@/core/api'
import { dateTimeLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { Screen } from '@/ui/Screen'
import { SessionStatus } from '@/ui/StatusView'
import { disabledIf } from '@/ui/disabled'
import { errorCode } from '@/ui/errors'
import { goNext, safeNext, withNext } from '@/ui/next'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { useTitle } from '@/ui/useTitle'
import { consentRows, type ConsentAction, type ConsentRow } from './consents'
import { privacyMessages } from './messages'
import './index.scss'
import '../../../ui/choice.scss'

type Outcome = { purpose: ConsentPurpose; action: ConsentAction } | { purpose: ConsentPurpose; error: unknown }

export default function PrivacyPage() {
  const t = useT(privacyMessages)
  const me = useSession((state) => state.me)
  const [busy, setBusy] = useState<ConsentPurpose | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  // The page a newcomer opened (a shared card): agreeing brings them there, through joining if they have no home yet.
  const next = safeNext(useRouter().params.next)
  useTitle(t('title'))

  useEffect(() => {
    if (!useSession.getState().me) void useSession.getState().refresh()
  }, [])

  async function change(purpose: ConsentPurpose, action: ConsentAction) {
    setBusy(purpose)
    setOutcome(null)
    try {
      if (action === 'grant') await call(account.grantConsent, { purpose, version: POLICY_VERSIONS[purpose] }, newRequestId())
      else await call(account.withdrawConsent, { purpose }, newRequestId())
      setOutcome({ purpose, action })
      await useSession.getState().refresh()
      if (next && purpose === 'app' && action === 'grant' && (useSession.getState().me?.residencies.length ?? 0) > 0) await goNext(next).catch(() => undefined)
    } catch (error) {
      setOutcome({ purpose, error })
    } finally {
      setBusy(null)
    }
  }

  const rows = me ? consentRows(me.consents) : []
  const justAgreedToApp = outcome !== null && 'action' in outcome && outcome.purpose === 'app' && outcome.action === 'grant'
  const hasHome = (me?.residencies.length ?? 0) > 0

  return (
    <Screen className="privacy">
      <Text className="title">{t('title')}</Text>
      <Text className="muted privacy__intro">{t('intro')}</Text>

      <View className="card stack">
        <Text className="subtitle privacy__first">{t('collectTitle')}</Text>
        <Text className="privacy__item">• {t('collectProfile')}</Text>
        <Text className="privacy__item">• {t('collectHome')}</Text>
        <Text className="privacy__item">• {t('collectRoles')}</Text>
        <Text className="privacy__item">• {t('notCollected')}</Text>
      </View>

      <Text className="subtitle">{t('purposesTitle')}</Text>
      <Text className="muted privacy__intro">{t('purposesText')}</Text>

      {me ? null : <SessionStatus />}

      {rows.map((row) => (
        <ConsentCard
          key={row.purpose}
          row={row}
          busy={busy === row.purpose}
          disabled={busy !== null}
          outcome={outcome?.purpose === row.purpose ? outcome : null}
          onAction={(action) => void change(row.purpose, action)}
        />
      ))}

      {justAgreedToApp && !hasHome ? (
        <Button className="btn btn--block" onClick={() => void Taro.navigateTo({ url: withNext('/packages/account/join/index', next) })}>
          {t('nextJoin')}
        </Button>
      ) : null}

      <Button className="btn btn--ghost btn--block privacy__data" onClick={() => void Taro.navigateTo({ url: '/packages/account/data/index' })}>
        {t('dataLink')}
      </Button>
    </Screen>
  )
}

function ConsentCard({
  row,
  busy,
  disabled,
  outcome,
  onAction,
}: {
  row: ConsentRow
  busy: boolean
  disabled: boolean
  outcome: Outcome | null
  onAction: (action: ConsentAction) => void
}) {
  const t = useT(privacyMessages)
  const locale = useLocale()
  const purposeName = t(`purpose_${row.purpose}`)
  const tagClass = row.status === 'granted' ? 'tag tag--ok' : row.status === 'outdated' ? 'tag tag--warn' : 'tag'
  // On this page the generic "go to the privacy page" answer would point at itself.
  const consentErrorText = (error: unknown) => {
    const code = errorCode(error)
    if (code === 'CONSENT_REQUIRED') return t('needsApp', { app: t('purpose_app') })
    if (code === 'CONFLICT') return t('versionChanged')
    return undefined
  }
  const when = row.at ? t(row.status === 'withdrawn' ? 'withdrawnAt' : 'grantedAt', { time: dateTimeLabel(row.at, locale, { year: true }) }) : ''

  return (
    <View className="card stack consent" id={`consent-${row.purpose}`}>
      <View className="row">
        <Text className="consent__name">{purposeName}</Text>
        <Text className={tagClass}>{t(`status_${row.status}`)}</Text>
      </View>
      <Text>{t(`what_${row.purpose}`)}</Text>
      <Text className="muted">{t(`withdraw_${row.purpose}`)}</Text>
      <Text className="muted">
        {t('version', { version: row.version })}
        {row.status === 'outdated' ? ` · ${t('currentVersion', { version: row.currentVersion })}` : ''}
        {when ? ` · ${when}` : ''}
      </Text>
      {row.needsApp ? <Notice kind="info">{t('needsApp', { app: t('purpose_app') })}</Notice> : null}
      {outcome && 'error' in outcome ? <ErrorNotice error={outcome.error} text={consentErrorText(outcome.error)} privacyLink={false} /> : null}
      {outcome && 'action' in outcome ? (
        <Notice kind="ok">{t(outcome.action === 'grant' ? 'doneGranted' : 'doneWithdrawn', { purpose: purposeName })}</Notice>
      ) : null}
      {row.actions.map((action) => (
        <Button
          key={action}
          className={`btn btn--block ${action === 'withdraw' ? 'btn--ghost' : ''}`}
          disabled={disabledIf(disabled || (action === 'grant' && row.needsApp))}
          onClick={() => onAction(action)}
        >
          {busy ? t('working') : t(action === 'withdraw' ? 'withdraw' : row.status === 'outdated' ? 'grantAgain' : 'grant')}
        </Button>
      ))}
    </View>
  )
}
