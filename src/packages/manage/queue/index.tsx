import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import * as community from '@contracts/community'
import type { PendingResidency } from '@contracts/model'
import { call, newRequestId } from '@/core/api'
import { dateTimeLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { disabledIf } from '@/ui/disabled'
import { errorCode } from '@/ui/errors'
import { More } from '@/ui/More'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { usePages } from '@/ui/usePages'
import { useTitle } from '@/ui/useTitle'
import { queueMessages } from './messages'
import './index.scss'
import '../parts/parts.scss'

type Outcome = { approve: boolean; item: PendingResidency } | { stale: true } | { error: unknown; id: string }

export default function QueuePage() {
  const t = useT(queueMessages)
  const locale = useLocale()
  useTitle(t('title'))
  const queue = usePages(community.residencyQueue, {})
  const { items: data, error, loading, reload } = queue
  const [busy, setBusy] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const addressOf = (item: PendingResidency) => t('address', { building: item.buildingName, unit: item.unit, room: item.room })
  const nameOf = (item: PendingResidency) => item.nickname || t('unnamed')

  async function decide(item: PendingResidency, approve: boolean) {
    setBusy(item.id)
    setConfirming(null)
    setOutcome(null)
    try {
      await call(community.decideResidency, { residencyId: item.id, approve }, newRequestId())
      setOutcome({ approve, item })
      await reload()
    } catch (caught) {
      // Another leader decided first: the list is out of date, not the person's fault.
      if (errorCode(caught) === 'CONFLICT') {
        setOutcome({ stale: true })
        await reload()
      } else setOutcome({ error: caught, id: item.id })
    } finally {
      setBusy(null)
    }
  }

  return (
    <Screen className="queue">
      <Text className="title">{t('title')}</Text>
      <Text className="muted queue__intro">{t('intro')}</Text>

      {outcome && 'approve' in outcome ? (
        <Notice kind="ok">{t(outcome.approve ? 'approved' : 'rejected', { name: nameOf(outcome.item), address: addressOf(outcome.item) })}</Notice>
      ) : null}
      {outcome && 'stale' in outcome ? <Notice kind="info">{t('alreadyDecided')}</Notice> : null}

      {error ? <StatusView kind="error" error={error} onRetry={() => void reload()} /> : null}
      {loading && !data ? <StatusView kind="loading" /> : null}
      {data && data.length === 0 ? <StatusView kind="empty" message={t('empty')} /> : null}

      {data?.map((item) => (
        <View key={item.id} className="card stack queue__item" id={`pending-${item.id}`}>
          <Text className="queue__name">{nameOf(item)}</Text>
          <Text className="queue__address">{addressOf(item)}</Text>
          <Text className="muted">{t('requestedAt', { time: dateTimeLabel(item.requestedAt, locale, { year: true }) })}</Text>
          {outcome && 'error' in outcome && outcome.id === item.id ? <ErrorNotice error={outcome.error} /> : null}
          {item.issuedByMe ? (
            <Notice kind="info">{t('ownCode')}</Notice>
          ) : confirming === item.id ? (
            <View className="stack">
              <Notice kind="warn">{t('confirmReject')}</Notice>
              <Button className="btn btn--block" disabled={disabledIf(busy !== null)} onClick={() => void decide(item, false)}>
                {t('confirmRejectButton')}
              </Button>
              <Button className="btn btn--ghost btn--block" onClick={() => setConfirming(null)}>
                {t('cancel')}
              </Button>
            </View>
          ) : (
            <View className="queue__actions">
              <Button className="btn queue__action" disabled={disabledIf(busy !== null)} onClick={() => void decide(item, true)}>
                {busy === item.id ? t('working') : t('approve')}
              </Button>
              <Button className="btn btn--ghost queue__action" disabled={disabledIf(busy !== null)} onClick={() => setConfirming(item.id)}>
                {t('reject')}
              </Button>
            </View>
          )}
        </View>
      ))}
      <More pages={queue} />
    </Screen>
  )
}
