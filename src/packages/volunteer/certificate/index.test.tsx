import { screen, within } from '@testing-library/react'
import * as volunteer from '@contracts/volunteer'
import type { Certificate } from '@contracts/volunteer'
import { call } from '@/core/api'
import { useSettings } from '@/core/settings'
import { routeCalls, show } from '@/ui/testing'
import CertificatePage, { certificateText } from './index'
import { certificateMessages, type CertificateKey } from './messages'
import { translate, type T } from '@/core/i18n'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
// The weapp canvas is drawn on the next tick; here it never is: the page around the certificate is what is tested.
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  return { __esModule: true, ...actual, default: { ...actual.default, nextTick: jest.fn() } }
})
const mockCall = call as jest.Mock

const CERTIFICATE: Certificate = {
  code: 'VBAW8-8N8UT',
  name: '陈晓',
  totalMinutes: 705,
  perTeam: [{ teamName: { 'zh-CN': '夜走队', en: 'Night Walkers' }, minutes: 705, shifts: 6, work: ['夜间巡逻'] }],
  firstDay: '2026-10-03',
  lastDay: '2026-11-28',
  issuer: '九里亭街道社区志愿服务站',
  issuedAt: '2026-11-28T08:00:00.000Z',
  holderDeleted: false,
  manual: [
    { day: '2026-11-20', teamName: { 'zh-CN': '夜走队', en: 'Night Walkers' }, minutes: 60, reason: '忘记签退', addedBy: '张队长' },
    { day: '2026-11-21', teamName: { 'zh-CN': '夜走队', en: 'Night Walkers' }, minutes: 90, reason: '', addedBy: '' },
  ],
}

function serve(certificate: Certificate) {
  routeCalls(mockCall, [[volunteer.issueCertificate, () => certificate]])
}

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
})

it('lists the hours a leader added by hand, each with its day, team, reason and who added it', async () => {
  serve(CERTIFICATE)
  await show(<CertificatePage />)
  const manual = within(document.getElementById('cert-manual') as HTMLElement)
  expect(manual.getByText('补录的时长')).toBeTruthy()
  expect(manual.getByText(/2026.*11.*20.*夜走队：补录 1 小时/)).toBeTruthy()
  expect(manual.getByText('原因：忘记签退')).toBeTruthy()
  expect(manual.getByText('补录人：张队长')).toBeTruthy()
  expect(manual.getByText(/夜走队：补录 1.5 小时/)).toBeTruthy()
  expect(manual.getByText('补录人：（未留名）')).toBeTruthy()
})

it('shows no 补录 card when every hour was checked in and out', async () => {
  serve({ ...CERTIFICATE, manual: [] })
  await show(<CertificatePage />)
  expect(screen.getByText('正在生成证明…')).toBeTruthy()
  expect(document.getElementById('cert-manual')).toBeNull()
})

it('speaks Japanese', async () => {
  useSettings.setState({ locale: 'ja' })
  serve(CERTIFICATE)
  await show(<CertificatePage />)
  const manual = within(document.getElementById('cert-manual') as HTMLElement)
  expect(manual.getByText('補記した時間')).toBeTruthy()
  expect(manual.getByText('補記した人：张队长')).toBeTruthy()
})

it('draws the 补录 lines on the certificate itself, with who added them', () => {
  const t: T<CertificateKey> = (key, params) => translate(certificateMessages, 'zh-CN', key, params)
  const text = certificateText(t, CERTIFICATE, 'zh-CN')
  expect(text.manual).toHaveLength(2)
  expect(text.manual?.[0]).toMatch(/补录：.*夜走队 1 小时（忘记签退），补录人 张队长/)
})
