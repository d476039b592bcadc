import { Button, Canvas, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import * as volunteer from '@contracts/volunteer'
import type { Certificate } from '@contracts/volunteer'
import { formatHours } from '@domain/volunteer'
import { call, newRequestId } from '@/core/api'
import { dayLabel } from '@/core/dates'
import { useT, type T } from '@/core/i18n'
import { attempt } from '@/core/permission'
import { useSettings } from '@/core/settings'
import { common } from '@/ui/messages'
import { PermissionNotice, type Blocked } from '@/ui/PermissionNotice'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { localized } from '@/ui/text'
import type { Locale } from '@contracts/model'
import { refusalText } from '../parts/errors'
import { partsMessages } from '../parts/messages'
import { Notice } from '../parts/Notice'
import { Icon } from '@/ui/Icon'
import { download } from '../parts/icons'
import { useTitle } from '@/ui/useTitle'
import { CERT_HEIGHT, CERT_WIDTH, drawCertificate, type CertificateText, type Pen } from './draw'
import { certificateMessages, type CertificateKey } from './messages'
import '../parts/parts.scss'
import './index.scss'

const CANVAS_ID = 'vol-cert-canvas'
/** Pixels per logical unit: sharp enough to print on A4 and to read the code when zoomed in. */
const SCALE = 2

export function certificateText(t: T<CertificateKey>, certificate: Certificate, locale: Locale): CertificateText {
  // A certificate is kept for years: its days carry the year, written as the person's language writes dates.
  const from = dayLabel(certificate.firstDay, locale, { year: true })
  const to = dayLabel(certificate.lastDay, locale, { year: true })
  return {
    heading: t('heading'),
    subheading: t('subheading'),
    body: t('body', { name: certificate.name, hours: formatHours(certificate.totalMinutes), from, to }),
    teams: certificate.perTeam.map((team) => ({
      line: t('teamLine', { team: localized(team.teamName, locale), hours: formatHours(team.minutes), n: team.shifts }),
      work: t('work', { work: team.work.join('、') }),
    })),
    manual: certificate.manual.map((entry) =>
      t('manualDrawn', {
        day: dayLabel(entry.day, locale, { year: true }),
        team: localized(entry.teamName, locale),
        hours: formatHours(entry.minutes),
        reason: entry.reason,
        name: entry.addedBy || '—',
      }),
    ),
    rule: t('rule'),
    issuer: t('issuer', { issuer: certificate.issuer }),
    date: t('date', { date: dayLabel(certificate.issuedAt, locale, { year: true }) }),
    code: t('code', { code: certificate.code }),
    verify: t('verify'),
  }
}

/** H5: an offscreen canvas, drawn and read back as a PNG the person can download. */
function drawOffscreen(text: CertificateText): string {
  const canvas = document.createElement('canvas')
  canvas.width = CERT_WIDTH * SCALE
  canvas.height = CERT_HEIGHT * SCALE
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d canvas')
  context.scale(SCALE, SCALE)
  drawCertificate(context as unknown as Pen, text)
  return canvas.toDataURL('image/png')
}

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): { scale(x: number, y: number): void }
}

/** weapp: WeChat's Canvas 2D node on the page (kept off screen), exported to a temporary PNG file. */
function drawOnPage(text: CertificateText): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((result: { node?: CanvasNode }[]) => {
        const node = result[0]?.node
        if (!node) return reject(new Error('canvas node not found'))
        node.width = CERT_WIDTH * SCALE
        node.height = CERT_HEIGHT * SCALE
        const context = node.getContext('2d')
        context.scale(SCALE, SCALE)
        drawCertificate(context as unknown as Pen, text)
        Taro.canvasToTempFilePath({ canvas: node as unknown as Taro.Canvas, fileType: 'png', destWidth: CERT_WIDTH * SCALE, destHeight: CERT_HEIGHT * SCALE })
          .then((file) => resolve(file.tempFilePath))
          .catch(reject)
      })
  })
}

export default function CertificatePage() {
  const t = useT(certificateMessages)
  const tp = useT(partsMessages)
  const tc = useT(common)
  const locale = useSettings((state) => state.locale)
  const [certificate, setCertificate] = useState<Certificate>()
  const [image, setImage] = useState<string>()
  const [problem, setProblem] = useState<string>()
  const [saved, setSaved] = useState<'ok' | 'failed' | Blocked | null>(null)
  const issued = useRef(false)
  useTitle(t('title'))

  useEffect(() => {
    // One certificate per visit: the code is recorded the moment it is issued.
    if (issued.current) return
    issued.current = true
    call(volunteer.issueCertificate, {}, newRequestId())
      .then(setCertificate)
      .catch((error: unknown) => setProblem(refusalText(tp, tc, error)))
  }, [tp, tc])

  useEffect(() => {
    if (!certificate) return
    const text = certificateText(t, certificate, locale)
    if (process.env.TARO_ENV === 'h5') {
      setImage(drawOffscreen(text))
      return
    }
    void Taro.nextTick(() => {
      drawOnPage(text)
        .then(setImage)
        .catch(() => setProblem(tc('error.INTERNAL')))
    })
  }, [certificate, t, tc, locale])

  async function save() {
    if (!image || !certificate) return
    if (process.env.TARO_ENV === 'h5') {
      const link = document.createElement('a')
      link.href = image
      link.download = `${t('title')}-${certificate.code}.png`
      link.click()
      return
    }
    // A privacy API behind the album scope: the guide may be declined, or the album switched off (PermissionNotice).
    setSaved(null)
    const outcome = await attempt(() => Taro.saveImageToPhotosAlbum({ filePath: image }))
    setSaved(outcome.ok ? 'ok' : outcome.reason === 'cancelled' ? null : outcome.reason)
  }

  if (problem) return <Screen><Notice kind="error">{problem}</Notice></Screen>
  return (
    <Screen className="vol-cert">
      <Text className="title">{t('title')}</Text>
      {process.env.TARO_ENV === 'weapp' ? <Canvas type="2d" id={CANVAS_ID} className="vol-cert__canvas" /> : null}
      {image ? (
        <View>
          <Image className="vol-cert__image" src={image} mode="widthFix" aria-label={t('alt')} showMenuByLongpress />
          {saved === 'ok' ? <Notice kind="ok">{t('saved')}</Notice> : null}
          {saved === 'failed' ? <Notice kind="error">{t('saveFailed')}</Notice> : null}
          <PermissionNotice blocked={saved === 'privacy' || saved === 'denied' ? saved : null} scope="scope.writePhotosAlbum" onRetry={() => void save()} />
          <Button className="btn btn--block vol-cert__save" onClick={() => void save()}>
            <Icon shape={download} /> {process.env.TARO_ENV === 'h5' ? t('download') : t('save')}
          </Button>
          <Text className="vol-rule vol-cert__note">{t('note')}</Text>
          <Text className="vol-rule">{tp('rule')}</Text>
        </View>
      ) : (
        <StatusView kind="loading" message={t('making')} />
      )}
      {certificate && certificate.manual.length > 0 ? <ManualHours certificate={certificate} locale={locale} /> : null}
    </Screen>
  )
}

/** 补录: the hours a leader added by hand, each with its day, team, reason and who added it, so nobody's hours hide. */
function ManualHours({ certificate, locale }: { certificate: Certificate; locale: Locale }) {
  const t = useT(certificateMessages)
  return (
    <View className="card stack vol-cert__manual" id="cert-manual">
      <Text className="subtitle vol-cert__manual-title">{t('manualTitle')}</Text>
      <Text className="muted">{t('manualHint')}</Text>
      {certificate.manual.map((entry, index) => (
        <View key={`${entry.day}-${index}`} className="vol-cert__manual-item">
          <Text className="vol-cert__manual-line">
            {t('manualLine', { day: dayLabel(entry.day, locale, { year: true }), team: localized(entry.teamName, locale), hours: formatHours(entry.minutes) })}
          </Text>
          {entry.reason ? <Text className="muted">{t('manualReason', { reason: entry.reason })}</Text> : null}
          <Text className="muted">{entry.addedBy ? t('manualBy', { name: entry.addedBy }) : t('manualByUnknown')}</Text>
        </View>
      ))}
    </View>
  )
}
