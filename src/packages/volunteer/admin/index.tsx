import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import * as volunteer from '@contracts/volunteer'
import type { Certificate } from '@contracts/volunteer'
import { addDays, chinaDay } from '@domain/time'
import { formatHours } from '@domain/volunteer'
import { CloudError, call, newRequestId } from '@/core/api'
import { dayLabel } from '@/core/dates'
import { useT } from '@/core/i18n'
import { useSettings } from '@/core/settings'
import { openVolunteer } from '@/features/volunteer/routes'
import { dateMessages } from '@/features/volunteer/sectionMessages'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { SectionTitle } from '@/ui/SectionTitle'
import { localized } from '@/ui/text'
import { disabledIf } from '@/ui/disabled'
import { refusalText } from '../parts/errors'
import { partsMessages } from '../parts/messages'
import { Notice } from '../parts/Notice'
import { Icon } from '@/ui/Icon'
import { download, share } from '../parts/icons'
import { useTitle } from '@/ui/useTitle'
import { adminMessages } from './messages'
import '../parts/parts.scss'
import './index.scss'
import { deliverFile } from '@/ui/deliverFile'
import '@/ui/forms.scss'

type Flash = { kind: 'ok' | 'error'; text: string } | null

/** Hands the CSV to the person: a download on H5; on weapp a file sent in a WeChat chat (the way files leave a mini-program). */
async function deliver(csv: string, fileName: string): Promise<void> {
  await deliverFile(csv, fileName, 'text/csv;charset=utf-8')
}

export default function AdminPage() {
  const t = useT(adminMessages)
  const td = useT(dateMessages)
  const tp = useT(partsMessages)
  const tc = useT(common)
  const locale = useSettings((state) => state.locale)
  const today = chinaDay(new Date())
  const [code, setCode] = useState('')
  const [found, setFound] = useState<Certificate | null>(null)
  const [verifyFlash, setVerifyFlash] = useState<Flash>(null)
  const [from, setFrom] = useState(addDays(today, -30))
  const [to, setTo] = useState(today)
  const [exportFlash, setExportFlash] = useState<Flash>(null)
  const [busy, setBusy] = useState(false)
  useTitle(t('title'))

  async function verify() {
    setFound(null)
    try {
      const certificate = await call(volunteer.verifyCertificate, { code })
      setFound(certificate)
      setVerifyFlash({ kind: 'ok', text: t('valid') })
    } catch (error) {
      const notFound = error instanceof CloudError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT')
      setVerifyFlash({ kind: 'error', text: notFound ? t('invalid') : refusalText(tp, tc, error) })
    }
  }

  async function exportCsv() {
    setBusy(true)
    try {
      const result = await call(volunteer.exportHours, { from, to }, newRequestId())
      await deliver(result.csv, result.fileName)
      setExportFlash({ kind: 'ok', text: t('exported', { n: result.rows }) })
    } catch (error) {
      setExportFlash({ kind: 'error', text: refusalText(tp, tc, error) })
    } finally {
      setBusy(false)
    }
  }

  const h = (minutes: number) => td('hours', { hours: formatHours(minutes) })

  return (
    <Screen className="vol-admin">
      <SectionTitle title={t('verify')} />
      <View className="card">
        <Text className="label">{t('codeLabel')}</Text>
        <Input className="field vol-admin__code" aria-label={t('codeLabel')} value={code} maxlength={11} placeholder={t('codePlaceholder')} onInput={(event) => setCode(event.detail.value)} />
        <Button className="btn btn--block vol-admin__action" disabled={disabledIf(code.replace(/[\s-]/g, '').length !== 10)} onClick={() => void verify()}>
          {t('check')}
        </Button>
        {verifyFlash ? <Notice kind={verifyFlash.kind}>{verifyFlash.text}</Notice> : null}
        {found ? (
          <View className="vol-facts">
            {found.holderDeleted ? <Notice kind="info">{t('deleted')}</Notice> : <Text>{t('holder', { name: found.name })}</Text>}
            <Text>{t('hours', { hours: h(found.totalMinutes) })}</Text>
            <Text>{t('period', { from: dayLabel(found.firstDay, locale, { year: true }), to: dayLabel(found.lastDay, locale, { year: true }) })}</Text>
            <Text>{t('issued', { date: dayLabel(found.issuedAt, locale, { year: true }) })}</Text>
            {found.perTeam.map((team) => (
              <Text key={localized(team.teamName, 'zh-CN')} className="muted">
                {t('teamLine', { team: localized(team.teamName, locale), hours: h(team.minutes), n: team.shifts })}
              </Text>
            ))}
          </View>
        ) : null}
      </View>

      <SectionTitle title={t('export')} />
      <View className="card">
        <Text className="vol-rule">{t('exportHint')}</Text>
        <View className="vol-admin__range">
          <View className="vol-admin__day">
            <Text className="label">{t('from')}</Text>
            <Picker mode="date" value={from} onChange={(event) => setFrom(String(event.detail.value))}>
              <View className="field vol-admin__picker">{from}</View>
            </Picker>
          </View>
          <View className="vol-admin__day">
            <Text className="label">{t('to')}</Text>
            <Picker mode="date" value={to} onChange={(event) => setTo(String(event.detail.value))}>
              <View className="field vol-admin__picker">{to}</View>
            </Picker>
          </View>
        </View>
        <Button className="btn btn--block vol-admin__action" disabled={disabledIf(busy)} onClick={() => void exportCsv()}>
          <Icon shape={process.env.TARO_ENV === 'h5' ? download : share} /> {process.env.TARO_ENV === 'h5' ? t('download') : t('shareFile')}
        </Button>
        {exportFlash ? <Notice kind={exportFlash.kind}>{exportFlash.text}</Notice> : null}
      </View>

      <Button className="btn btn--ghost btn--block vol-admin__action" onClick={() => openVolunteer('lead')}>
        {`${t('lead')} ›`}
      </Button>
    </Screen>
  )
}
