import Taro from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import * as admin from '@contracts/admin'
import type { ImportPreview, ImportRecord } from '@contracts/admin'
import { IMPORT_EXAMPLE } from '@domain/admin'
import { call, newRequestId } from '@/core/api'
import { dateTimeLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { Screen } from '@/ui/Screen'
import { SectionTitle } from '@/ui/SectionTitle'
import { StatusView } from '@/ui/StatusView'
import { chooseCsvFile } from '../parts/chooseCsvFile'
import { disabledIf } from '@/ui/disabled'
import { More } from '@/ui/More'
import { PermissionNotice } from '@/ui/PermissionNotice'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { MANAGE_PAGES } from '../parts/routes'
import { usePages } from '@/ui/usePages'
import { useTitle } from '@/ui/useTitle'
import { importMessages } from './messages'
import './index.scss'
import '../parts/parts.scss'
import '@/ui/forms.scss'

/** Rows shown before "show all": a file of 300 buildings is checked whole, but read a screen at a time. */
const SHOWN_ROWS = 20

function Preview({ preview }: { preview: ImportPreview }) {
  const t = useT(importMessages)
  const [all, setAll] = useState(false)
  if (preview.fileProblem) {
    return <Notice kind="error">{t(`file_${preview.fileProblem}`, { column: preview.missingColumn ? t(`column_${preview.missingColumn}`) : '' })}</Notice>
  }
  const rows = all ? preview.rows : preview.rows.slice(0, SHOWN_ROWS)
  return (
    <View className="stack" id="import-preview">
      {preview.problems.length > 0 ? (
        <View className="card stack import__problems">
          <Notice kind="error">{t('problemsTitle', { count: preview.problems.length })}</Notice>
          {preview.problems.map((problem) => (
            <Text key={`${problem.line}:${problem.column}`} className="import__problem">
              {`! ${t('problem', { line: problem.line, column: t(`column_${problem.column}`), problem: t(`problem_${problem.problem}`) })}`}
            </Text>
          ))}
        </View>
      ) : null}
      {preview.rows.length > 0 ? (
        <View className="card stack">
          <Text className="import__summary">{t('summary', preview.totals)}</Text>
          {preview.totals.newAreas > 0 ? <Text>{t('newAreas', { count: preview.totals.newAreas })}</Text> : null}
          {rows.map((row) => (
            <Text key={row.line} className="import__row">
              {`✓ ${t('row', { area: row.area, building: row.building, units: row.units, floors: row.floors, rooms: row.roomsPerFloor, households: row.households })}${row.newArea ? ` · ${t('newArea')}` : ''}`}
            </Text>
          ))}
          {!all && preview.rows.length > SHOWN_ROWS ? (
            <Button className="btn btn--ghost btn--block" onClick={() => setAll(true)}>
              {t('showAll', { count: preview.rows.length })}
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

/** Remounted (by key) after each import, so it starts again from the newest record. */
function History() {
  const t = useT(importMessages)
  const locale = useLocale()
  const pages = usePages(admin.listImports, {})
  return (
    <View>
      {pages.error ? <StatusView kind="error" error={pages.error} onRetry={() => void pages.reload()} /> : null}
      {pages.items?.map((record: ImportRecord) => (
        <View key={record.id} className="card stack import__record">
          <Text className="import__status">{t(`status_${record.status}`)}</Text>
          <Text className="muted">
            {t('history', { time: dateTimeLabel(record.at, locale, { year: true }), by: record.byName, buildings: record.buildings, households: record.households })}
          </Text>
          {record.fileName ? <Text className="muted">{record.fileName}</Text> : null}
        </View>
      ))}
      <More pages={pages} />
    </View>
  )
}

export default function ImportPage() {
  const t = useT(importMessages)
  useTitle(t('title'))
  const [text, setText] = useState('')
  const [fileName, setFileName] = useState('')
  const [checked, setChecked] = useState<{ text: string; preview: ImportPreview } | null>(null)
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null)
  const [outcome, setOutcome] = useState<{ applied: ImportRecord } | { error: unknown } | null>(null)
  const [version, setVersion] = useState(0)
  const [declined, setDeclined] = useState(false)
  // One request id per previewed file: a retried tap on "import" cannot import it twice.
  const requestId = useRef(newRequestId())

  async function choose() {
    const file = await chooseCsvFile()
    setDeclined(file === 'privacy')
    if (!file || file === 'privacy') return
    setText(file.text)
    setFileName(file.name)
    setChecked(null)
  }

  async function preview() {
    setBusy('preview')
    setOutcome(null)
    try {
      setChecked({ text, preview: await call(admin.previewImport, { csv: text }) })
      requestId.current = newRequestId()
    } catch (error) {
      setOutcome({ error })
    } finally {
      setBusy(null)
    }
  }

  async function apply() {
    setBusy('apply')
    try {
      const record = await call(admin.applyImport, { csv: text, fileName }, requestId.current)
      setOutcome({ applied: record })
      setChecked(null)
      setText('')
      setFileName('')
    } catch (error) {
      setOutcome({ error })
    } finally {
      setBusy(null)
      setVersion((n) => n + 1)
    }
  }

  const stale = checked !== null && checked.text !== text
  const ready = checked && !stale && !checked.preview.fileProblem && checked.preview.problems.length === 0 && checked.preview.rows.length > 0
  return (
    <Screen className="import">
      <Text className="title">{t('title')}</Text>
      <Text className="muted import__intro">{t('intro')}</Text>
      <View className="card stack">
        <Text className="label import__first">{t('example')}</Text>
        <Text className="import__example">{IMPORT_EXAMPLE}</Text>
      </View>

      <View className="card stack">
        <Text className="label import__first">{t('paste')}</Text>
        <Textarea
          className="field import__text"
          value={text}
          maxlength={-1}
          placeholder={IMPORT_EXAMPLE}
          aria-label={t('paste')}
          onInput={(event) => {
            setText(event.detail.value)
            setFileName('')
          }}
        />
        {fileName ? <Text className="muted">{t('chosen', { name: fileName })}</Text> : null}
        <Button className="btn btn--ghost btn--block" onClick={() => void choose()}>
          {`${t('choose')}`}
        </Button>
        <PermissionNotice blocked={declined ? 'privacy' : null} onRetry={() => void choose()} />
        <Button className="btn btn--block" id="import-preview-button" disabled={disabledIf(busy !== null || text.trim() === '')} onClick={() => void preview()}>
          {busy === 'preview' ? t('previewing') : t('preview')}
        </Button>
      </View>

      {stale ? <Notice kind="info">{t('changed')}</Notice> : null}
      {checked && !stale ? <Preview preview={checked.preview} /> : null}
      {ready ? (
        <Button className="btn btn--block import__apply" disabled={disabledIf(busy !== null)} onClick={() => void apply()}>
          {busy === 'apply' ? t('applying') : t('apply', { count: checked.preview.rows.length })}
        </Button>
      ) : null}

      {outcome && 'applied' in outcome ? (
        <View className="stack">
          <Notice kind="ok">{t('applied', { buildings: outcome.applied.buildings, households: outcome.applied.households })}</Notice>
          <Button className="btn btn--ghost btn--block" onClick={() => void Taro.redirectTo({ url: MANAGE_PAGES.buildings })}>
            {`${t('toBuildings')} ›`}
          </Button>
        </View>
      ) : null}
      {outcome && 'error' in outcome ? <ErrorNotice error={outcome.error} /> : null}

      <SectionTitle title={t('historyTitle')} />
      <History key={version} />
    </Screen>
  )
}
