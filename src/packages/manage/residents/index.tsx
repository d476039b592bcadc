import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import * as admin from '@contracts/admin'
import type { ResidentRow } from '@contracts/admin'
import { call, newRequestId } from '@/core/api'
import { dateTimeLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { disabledIf } from '@/ui/disabled'
import { More } from '@/ui/More'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { MANAGE_PAGES } from '../parts/routes'
import { usePages } from '@/ui/usePages'
import { useTitle } from '@/ui/useTitle'
import { residentsMessages } from './messages'
import '../parts/parts.scss'
import './index.scss'

type Status = ResidentRow['status']
const REASONS = ['moved', 'mistake', 'asked'] as const
type Reason = (typeof REASONS)[number]

export default function ResidentsPage() {
  const t = useT(residentsMessages)
  const locale = useLocale()
  const { id = '', name = '' } = useRouter().params
  const buildingName = decodeURIComponent(name)
  useTitle(buildingName || t('title'))
  const [status, setStatus] = useState<Status>('verified')
  const pages = usePages(admin.listResidents, id ? { buildingId: id, status } : null)
  const [removing, setRemoving] = useState<{ id: string; reason: Reason | null } | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ removed: string } | { error: unknown; id: string } | null>(null)

  const nameOf = (row: ResidentRow) => row.nickname || t('unnamed')
  const roomOf = (row: ResidentRow) => t('room', { unit: row.unit, room: row.room })

  async function remove(row: ResidentRow, reason: Reason) {
    setBusy(true)
    setOutcome(null)
    try {
      // The reason goes to the audit log in the words the leader chose it in.
      await call(admin.removeResidency, { residencyId: row.residencyId, reason: t(`reason_${reason}`) }, newRequestId())
      setOutcome({ removed: t('removed', { name: nameOf(row), room: roomOf(row) }) })
      setRemoving(null)
      await pages.reload()
    } catch (error) {
      setOutcome({ error, id: row.residencyId })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen className="residents">
      <Text className="title">{buildingName || t('title')}</Text>
      <View className="chips residents__tabs">
        {(['verified', 'pending'] as const).map((item) => (
          <Button key={item} className={`chip ${status === item ? 'chip--on' : ''}`} aria-pressed={status === item} onClick={() => setStatus(item)}>
            {status === item ? `✓ ${t(item)}` : t(item)}
          </Button>
        ))}
      </View>
      {outcome && 'removed' in outcome ? <Notice kind="ok">{outcome.removed}</Notice> : null}
      {pages.error ? <StatusView kind="error" error={pages.error} onRetry={() => void pages.reload()} /> : null}
      {pages.loading && !pages.items ? <StatusView kind="loading" /> : null}
      {pages.items && pages.items.length === 0 ? <StatusView kind="empty" message={status === 'verified' ? t('emptyVerified') : t('emptyPending')} /> : null}
      {pages.items?.map((row) => (
        <View key={row.residencyId} className="card stack" id={`resident-${row.residencyId}`}>
          <View className="row">
            <Text className="residents__name">{nameOf(row)}</Text>
            <Text className="residents__room">{roomOf(row)}</Text>
          </View>
          <Text className="muted">{t(row.status === 'verified' ? 'since' : 'requested', { date: dateTimeLabel(row.since, locale, { year: true }) })}</Text>
          {outcome && 'error' in outcome && outcome.id === row.residencyId ? <ErrorNotice error={outcome.error} /> : null}
          {row.status === 'pending' ? (
            <Button className="btn btn--ghost btn--block" onClick={() => void Taro.navigateTo({ url: MANAGE_PAGES.queue })}>
              {`${t('toQueue')} ›`}
            </Button>
          ) : removing?.id === row.residencyId ? (
            <View className="stack">
              <Notice kind="warn">{t('removeIntro')}</Notice>
              <View className="chips">
                {REASONS.map((reason) => (
                  <Button key={reason} className={`chip ${removing.reason === reason ? 'chip--on' : ''}`} aria-pressed={removing.reason === reason} onClick={() => setRemoving({ id: row.residencyId, reason })}>
                    {removing.reason === reason ? `✓ ${t(`reason_${reason}`)}` : t(`reason_${reason}`)}
                  </Button>
                ))}
              </View>
              <Button className="btn btn--block" disabled={disabledIf(busy || !removing.reason)} onClick={() => removing.reason && void remove(row, removing.reason)}>
                {busy ? t('working') : t('confirmRemove')}
              </Button>
              <Button className="btn btn--ghost btn--block" onClick={() => setRemoving(null)}>
                {t('cancel')}
              </Button>
            </View>
          ) : (
            <Button className="btn btn--ghost btn--block" disabled={disabledIf(busy)} onClick={() => setRemoving({ id: row.residencyId, reason: null })}>
              {t('remove')}
            </Button>
          )}
        </View>
      ))}
      <More pages={pages} />
    </Screen>
  )
}
