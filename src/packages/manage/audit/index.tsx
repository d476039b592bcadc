import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import * as admin from '@contracts/admin'
import type { AuditActor } from '@contracts/admin'
import * as community from '@contracts/community'
import type { AuditEntry } from '@contracts/model'
import { call } from '@/core/api'
import { dateTimeLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { disabledIf } from '@/ui/disabled'
import { errorCode } from '@/ui/errors'
import { More } from '@/ui/More'
import { ErrorNotice } from '@/ui/Notice'
import { usePages } from '@/ui/usePages'
import { useTitle } from '@/ui/useTitle'
import { auditInput, DATE_PRESETS, describeChange, FILTER_ACTIONS, isDeletedActor, isKnownAction, NO_FILTERS, presetOf, presetRange, type Filters } from './audit'
import { auditMessages } from './messages'
import './index.scss'
import '../parts/parts.scss'
import '@/ui/forms.scss'

interface Pages {
  items: AuditEntry[]
  next: string | null
}

/** The people who appear in the log, most active first (from the database, a page at a time), to filter by one of them. */
function People({ actor, onPick }: { actor: string; onPick: (actor: string) => void }) {
  const t = useT(auditMessages)
  const actors = usePages(admin.auditActors, {})
  const chip = (on: boolean, label: string) => (on ? t('chosen', { label }) : label)
  const nameOf = (item: AuditActor) => (isDeletedActor(item.actor) ? t('deletedUser') : item.name || t('unnamed'))
  return (
    <View className="stack">
      <Text className="label">{t('filterActor')}</Text>
      <View className="chips" id="audit-people">
        <Button className={`chip ${actor === '' ? 'chip--on' : ''}`} aria-pressed={actor === ''} onClick={() => onPick('')}>
          {chip(actor === '', t('allPeople'))}
        </Button>
        {actors.items?.map((item) => (
          <Button key={item.actor} className={`chip ${actor === item.actor ? 'chip--on' : ''}`} aria-pressed={actor === item.actor} onClick={() => onPick(item.actor)}>
            {chip(actor === item.actor, t('actorChip', { name: nameOf(item), count: item.entries }))}
          </Button>
        ))}
      </View>
      {actors.error ? <ErrorNotice error={actors.error} /> : null}
      {actors.hasMore ? <More pages={actors} /> : null}
    </View>
  )
}

export default function AuditPage() {
  const t = useT(auditMessages)
  const locale = useLocale()
  useTitle(t('title'))
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [actionText, setActionText] = useState('')
  const [pages, setPages] = useState<Pages | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const ticket = useRef(0)

  /** A new filter starts from the first page; "load more" appends. Answers to superseded requests are dropped. */
  const load = useCallback(async (applied: Filters, cursor: string | null) => {
    const mine = ++ticket.current
    setLoading(true)
    setError(null)
    try {
      const page = await call(community.listAudit, auditInput(applied, cursor))
      if (mine !== ticket.current) return
      setPages((previous) => ({ items: cursor && previous ? [...previous.items, ...page.items] : page.items, next: page.next }))
    } catch (caught) {
      if (mine === ticket.current) setError(caught)
    } finally {
      if (mine === ticket.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    setPages(null)
    void load(filters, null)
  }, [filters, load])

  const now = new Date()
  const preset = presetOf(filters, now)
  const actionLabel = (action: string) => (isKnownAction(action) ? t(`action_${action}`) : action)
  const chip = (on: boolean, label: string) => (on ? t('chosen', { label }) : label)
  const chooseAction = (action: string) => {
    setActionText('')
    setFilters({ ...filters, action })
  }

  return (
    <Screen className="audit">
      <Text className="title">{t('title')}</Text>
      <Text className="muted audit__intro">{t('intro')}</Text>

      <View className="card stack">
        <Text className="label audit__first">{t('filterAction')}</Text>
        <View className="chips">
          <Button className={`chip ${filters.action === '' ? 'chip--on' : ''}`} aria-pressed={filters.action === ''} onClick={() => chooseAction('')}>
            {chip(filters.action === '', t('allActions'))}
          </Button>
          {FILTER_ACTIONS.map((action) => (
            <Button key={action} className={`chip ${filters.action === action ? 'chip--on' : ''}`} aria-pressed={filters.action === action} onClick={() => chooseAction(action)}>
              {chip(filters.action === action, t(`action_${action}`))}
            </Button>
          ))}
        </View>
        <Input
          className="field"
          value={actionText}
          maxlength={40}
          placeholder={t('actionPlaceholder')}
          aria-label={t('actionPlaceholder')}
          confirmType="search"
          onInput={(event) => setActionText(event.detail.value)}
          onConfirm={() => setFilters({ ...filters, action: actionText.trim() })}
        />
        {actionText.trim() ? (
          <Button className="btn btn--ghost btn--block" onClick={() => setFilters({ ...filters, action: actionText.trim() })}>
            {t('apply')}
          </Button>
        ) : null}

        <People actor={filters.actor} onPick={(actor) => setFilters({ ...filters, actor })} />

        <Text className="label">{t('filterDate')}</Text>
        <View className="chips">
          {DATE_PRESETS.map((item) => (
            <Button key={item} className={`chip ${preset === item ? 'chip--on' : ''}`} aria-pressed={preset === item} onClick={() => setFilters({ ...filters, ...presetRange(item, now) })}>
              {chip(preset === item, t(`preset_${item}`))}
            </Button>
          ))}
        </View>
        <View className="audit__dates">
          <Picker mode="date" value={filters.from} end={filters.to || undefined} onChange={(event) => setFilters({ ...filters, from: String(event.detail.value) })}>
            <View className="chip audit__date" id="audit-from">
              {t('from', { date: filters.from || t('anyDate') })}
            </View>
          </Picker>
          <Picker mode="date" value={filters.to} start={filters.from || undefined} onChange={(event) => setFilters({ ...filters, to: String(event.detail.value) })}>
            <View className="chip audit__date" id="audit-to">
              {t('to', { date: filters.to || t('anyDate') })}
            </View>
          </Picker>
        </View>
      </View>

      {error && !pages ? <StatusView kind="error" error={{ code: errorCode(error) }} onRetry={() => void load(filters, null)} /> : null}
      {loading && !pages ? <StatusView kind="loading" /> : null}
      {pages && pages.items.length === 0 ? <StatusView kind="empty" message={t('empty')} /> : null}

      {pages?.items.map((entry) => (
        <View key={entry.id} className="card audit__entry" id={`audit-${entry.id}`}>
          <View className="row">
            <Text className="audit__action">{actionLabel(entry.action)}</Text>
            <Text className="muted">{dateTimeLabel(entry.at, locale, { year: true })}</Text>
          </View>
          <Text className="audit__line">{t('by', { name: isDeletedActor(entry.actor) ? t('deletedUser') : entry.actorName || t('unnamed') })}</Text>
          <Text className="audit__line muted">{t('target', { target: entry.target })}</Text>
          {describeChange(entry.before, entry.after).map((change) => (
            <Text key={change.field} className="audit__line audit__change">
              {change.field}: {change.before || t('none')} → {change.after || t('none')}
            </Text>
          ))}
        </View>
      ))}

      {pages && error ? <ErrorNotice error={error} /> : null}
      {pages?.next ? (
        <Button className="btn btn--ghost btn--block" disabled={disabledIf(loading)} onClick={() => void load(filters, pages.next)}>
          {loading ? t('loadingMore') : t('loadMore')}
        </Button>
      ) : null}
      {pages && pages.items.length > 0 && !pages.next ? <Text className="muted audit__end">{t('end')}</Text> : null}
    </Screen>
  )
}
