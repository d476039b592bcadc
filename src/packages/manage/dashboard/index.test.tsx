import { act, fireEvent, screen } from '@testing-library/react'
import * as admin from '@contracts/admin'
import type { Dashboard } from '@contracts/admin'
import { call } from '@/core/api'
import { useSettings } from '@/core/settings'
import { callsTo, routeCalls, show } from '@/ui/testing'
import DashboardPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const counts = (attended: number, noShow: number, confirmed: number) => ({ attended, no_show: noShow, confirmed, cancelled: 1, waitlisted: 0 })
const COMMUNITY: Dashboard = {
  scope: 'community',
  weeks: ['2026-11-16', '2026-11-23'],
  bookings: [
    { weekStart: '2026-11-16', counts: counts(30, 4, 0) },
    { weekStart: '2026-11-23', counts: counts(10, 1, 6) },
  ],
  hours: [{ teamId: 'night-walk', teamName: { 'zh-CN': '夜走队', en: 'Night Walkers' }, confirmedMinutes: 600, recordedMinutes: 90, entries: 7 }],
  coverage: { by: 'area', rows: [{ id: 'ltsc', name: '绿庭尚城', households: 92, shown: 12, verified: 15, pending: 2 }] },
}

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
  routeCalls(mockCall, [
    [admin.dashboard, () => COMMUNITY],
    [admin.coverage, () => ({ items: [{ id: 'ltsc-1', name: '1号楼', households: 24, shown: 5, verified: 6, pending: 1 }], next: null })],
  ])
})

it('draws each week, team and estate as bars with the numbers in words beside them', async () => {
  await show(<DashboardPage />)
  expect(callsTo(mockCall, admin.dashboard)).toEqual([{ weeks: 8 }])
  expect(screen.getByText('11月16日 那一周')).toBeTruthy()
  expect(screen.getByText('预约 34 · 到场 30 · 未到 4 · 取消 1 · 候补 0')).toBeTruthy()
  expect(screen.getByText('共 11.5 小时 · 已确认 10 小时 · 7 人次')).toBeTruthy()
  expect(screen.getByText('已亮身份 12 户 / 共 92 户（13%）')).toBeTruthy()
  expect(screen.getByText('已认证 15 户 · 待审核 2 户')).toBeTruthy()
  // A part is drawn for each non-zero number only: came and did not come, nothing still booked that week.
  expect(document.querySelectorAll('#week-2026-11-16 .bar__part')).toHaveLength(2)
  expect(document.querySelectorAll('#week-2026-11-23 .bar__part')).toHaveLength(3)
})

it('drills into an estate’s buildings and changes the period on request', async () => {
  await show(<DashboardPage />)
  await act(async () => fireEvent.click(screen.getByText('按楼栋查看 ›')))
  expect(callsTo(mockCall, admin.coverage)).toEqual([{ areaId: 'ltsc' }])
  expect(screen.getByText('已亮身份 5 户 / 共 24 户（20.8%）')).toBeTruthy()
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '12 周' })))
  expect(callsTo(mockCall, admin.dashboard).at(-1)).toEqual({ weeks: 12 })
})
