import { Button, Text, View } from '@tarojs/components'
import * as community from '@contracts/community'
import type { PendingResidency } from '@contracts/model'
import { dateTimeLabel } from '@/core/dates'
import { useResidencyDecision } from '@/features/residency/useResidencyDecision'
import { useLocale, useT } from '@/core/i18n'
import { useCloud } from '@/core/useCloud'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { disabledIf } from '@/ui/disabled'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { useTitle } from '@/ui/useTitle'
import { requestsMessages } from './messages'
import './index.scss'

/**
 * Requests to join the person's own verified homes: a family member joining with a code, or asking to be checked.
 * A verified member of the household decides, as the building leader can (residency.decide).
 */
export default function RequestsPage() {
  const t = useT(requestsMessages)
  const locale = useLocale()
  useTitle(t('title'))
  const { data, error, loading, reload } = useCloud(community.householdRequests, {})
  const { busy, confirming, setConfirming, outcome, decide } = useResidencyDecision(reload)

  const addressOf = (item: PendingResidency) => t('address', { building: item.buildingName, unit: item.unit, room: item.room })
  const nameOf = (item: PendingResidency) => item.nickname || t('unnamed')

  return (
    <Screen className="requests">
      <Text className="title">{t('title')}</Text>
      <Text className="muted requests__intro">{t('intro')}</Text>

      {outcome && 'approve' in outcome ? (
        <Notice kind="ok">{t(outcome.approve ? 'approved' : 'refused', { name: nameOf(outcome.item), address: addressOf(outcome.item) })}</Notice>
      ) : null}
      {outcome && 'stale' in outcome ? <Notice kind="info">{t('alreadyDecided')}</Notice> : null}

      {error ? <StatusView kind="error" error={error} onRetry={() => void reload()} /> : null}
      {loading && !data ? <StatusView kind="loading" /> : null}
      {data && data.length === 0 ? <StatusView kind="empty" message={t('empty')} /> : null}

      {data?.map((item) => (
        <View key={item.id} className="card stack requests__item" id={`request-${item.id}`}>
          <Text className="requests__name">{nameOf(item)}</Text>
          <Text className="requests__address">{addressOf(item)}</Text>
          <Text className="muted">{t(item.viaInvite ? 'viaInvite' : 'viaRequest')}</Text>
          <Text className="muted">{t('requestedAt', { time: dateTimeLabel(item.requestedAt, locale, { year: true }) })}</Text>
          {outcome && 'error' in outcome && outcome.id === item.id ? <ErrorNotice error={outcome.error} /> : null}
          {confirming === item.id ? (
            <View className="stack">
              <Notice kind="warn">{t('confirmRefuse')}</Notice>
              <Button className="btn btn--block" disabled={disabledIf(busy !== null)} onClick={() => void decide(item, false)}>
                {t('confirmRefuseButton')}
              </Button>
              <Button className="btn btn--ghost btn--block" onClick={() => setConfirming(null)}>
                {t('cancel')}
              </Button>
            </View>
          ) : (
            <View className="requests__actions">
              <Button className="btn requests__action" disabled={disabledIf(busy !== null)} onClick={() => void decide(item, true)}>
                {busy === item.id ? t('working') : t('approve')}
              </Button>
              <Button className="btn btn--ghost requests__action" disabled={disabledIf(busy !== null)} onClick={() => setConfirming(item.id)}>
                {t('refuse')}
              </Button>
            </View>
          )}
        </View>
      ))}
    </Screen>
  )
}
