import { Button, Picker, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import * as admin from '@contracts/admin'
import type { ExportKind } from '@domain/admin'
import { addDays, chinaDay } from '@domain/time'
import { call } from '@/core/api'
import { dayLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { accessOf } from '../access'
import { deliverFile } from '@/ui/deliverFile'
import { disabledIf } from '@/ui/disabled'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { Icon } from '@/ui/Icon'
import { download, share } from '../parts/icons'
import { useTitle } from '@/ui/useTitle'
import { kindsFor } from './kinds'
import { exportsMessages } from './messages'
import '../parts/parts.scss'
import './index.scss'

const PRESETS = [30, 90, 365] as const

interface Prepared {
  csv: string
  rows: number
  fileName: string
}

export default function ExportsPage() {
  const t = useT(exportsMessages)
  const locale = useLocale()
  useTitle(t('title'))
  const me = useSession((state) => state.me)
  const today = chinaDay(new Date())
  const [chosen, setChosen] = useState<ExportKind | null>(null)
  const [from, setFrom] = useState(addDays(today, -29))
  const [to, setTo] = useState(today)
  const [progress, setProgress] = useState<number | null>(null)
  const [prepared, setPrepared] = useState<Prepared | null>(null)
  const [outcome, setOutcome] = useState<{ done: string } | { error: unknown } | null>(null)

  useEffect(() => {
    if (!useSession.getState().me) void useSession.getState().refresh()
  }, [])

  if (!me) {
    return (
      <Screen>
        <StatusView kind="loading" />
      </Screen>
    )
  }
  const access = accessOf(me.roles)
  const kinds = kindsFor(access)
  const kind = chosen && kinds.includes(chosen) ? chosen : kinds[0]
  const reset = () => {
    setPrepared(null)
    setOutcome(null)
  }

  /** Reads the file a page at a time (the server builds each page), joining them as they come. */
  async function prepare() {
    if (!kind) return
    reset()
    setProgress(0)
    const parts: string[] = []
    let rows = 0
    let cursor: string | null = null
    let fileName = ''
    try {
      do {
        const base = kind === 'households' ? { kind } : { kind, from: from <= to ? from : to, to: from <= to ? to : from }
        const page: admin.ExportPage = await call(admin.exportCsv, cursor ? { ...base, cursor } : base)
        parts.push(page.csv)
        rows += page.rows
        fileName = page.fileName
        cursor = page.next
        setProgress(rows)
      } while (cursor)
      setPrepared({ csv: parts.join(''), rows, fileName })
    } catch (error) {
      setOutcome({ error })
    } finally {
      setProgress(null)
    }
  }

  async function deliver(file: Prepared) {
    try {
      const how = await deliverFile(file.csv, file.fileName, 'text/csv;charset=utf-8')
      setOutcome({ done: t(how, { name: file.fileName }) })
    } catch (error) {
      setOutcome({ error })
    }
  }

  const preset = PRESETS.find((days) => from === addDays(today, -(days - 1)) && to === today)
  return (
    <Screen className="exports">
      <Text className="title">{t('title')}</Text>
      <Text className="muted exports__intro">{t('intro')}</Text>
      {!access.admin ? <Notice kind="info">{t('ownScope')}</Notice> : null}

      <View className="exports__kinds">
        {kinds.map((item) => (
          <Button
            key={item}
            className={`choice exports__kind ${kind === item ? 'exports__kind--on' : ''}`}
            aria-pressed={kind === item}
            onClick={() => {
              setChosen(item)
              reset()
            }}
          >
            <View className="exports__kind-body">
              <Text className="exports__kind-name">{`${kind === item ? '✓ ' : ''}${t(`kind_${item}`)}`}</Text>
              <Text className="muted">{t(`hint_${item}`)}</Text>
            </View>
          </Button>
        ))}
      </View>

      {kind && kind !== 'households' ? (
        <View className="card stack">
          <Text className="label exports__first">{t('range')}</Text>
          <View className="chips">
            {PRESETS.map((days) => (
              <Button
                key={days}
                className={`chip ${preset === days ? 'chip--on' : ''}`}
                aria-pressed={preset === days}
                onClick={() => {
                  setFrom(addDays(today, -(days - 1)))
                  setTo(today)
                  reset()
                }}
              >
                {preset === days ? `✓ ${t(`preset_${days}`)}` : t(`preset_${days}`)}
              </Button>
            ))}
          </View>
          <View className="exports__dates">
            <Picker mode="date" value={from} end={today} onChange={(event) => {
                setFrom(String(event.detail.value))
                reset()
              }}>
              <View className="chip exports__date">{t('from', { date: dayLabel(from, locale, { year: true }) })}</View>
            </Picker>
            <Picker mode="date" value={to} end={today} onChange={(event) => {
                setTo(String(event.detail.value))
                reset()
              }}>
              <View className="chip exports__date">{t('to', { date: dayLabel(to, locale, { year: true }) })}</View>
            </Picker>
          </View>
        </View>
      ) : null}

      {kind ? (
        <Button className="btn btn--block exports__prepare" disabled={disabledIf(progress !== null)} onClick={() => void prepare()}>
          {progress !== null ? t('preparing', { rows: progress }) : t('prepare')}
        </Button>
      ) : null}

      {prepared ? (
        <View className="card stack" id="export-ready">
          <Notice kind="ok">{t('ready', { name: prepared.fileName, rows: prepared.rows })}</Notice>
          {prepared.rows === 0 ? <Notice kind="info">{t('empty')}</Notice> : null}
          <Button className="btn btn--block" onClick={() => void deliver(prepared)}>
            <Icon shape={process.env.TARO_ENV === 'weapp' ? share : download} /> {process.env.TARO_ENV === 'weapp' ? t('share') : t('download')}
          </Button>
        </View>
      ) : null}
      {outcome && 'done' in outcome ? <Notice kind="ok">{outcome.done}</Notice> : null}
      {outcome && 'error' in outcome ? <ErrorNotice error={outcome.error} /> : null}
    </Screen>
  )
}
