import { Button, Text, View } from '@tarojs/components'
import * as community from '@contracts/community'
import type { PendingResidency } from '@contracts/model'
import { dateTimeLabel } from '@/core/dates'
import { useResidencyDecision } from '@/features/residency/useResidencyDecision'
import { useLocale, useT } from '@/core/i18n'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { disabledIf } from '@/ui/disabled'
import { More } from '@/ui/More'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { usePages } from '@/ui/usePages'
import { useTitle } from '@/ui/useTitle'
import { queueMessages } from './messages'
import './index.scss'
import '../parts/parts.scss'

export default function QueuePage() {
  const t = useT(queueMessages)
  const locale = useLocale()
  useTitle(t('title'))
  const queue = usePages(community.residencyQueue, {})
  const { items: data, error, loading, reload } = queue
  const { busy, confirming, setConfirming, outcome, decide } = useResidencyDecision(reload)

  const addressOf = (item: PendingResidency) => t('address', { building: item.buildingName, unit: item.unit, room: item.room })
  const nameOf = (item: PendingResidency) => item.nickname || t('unnamed')

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
