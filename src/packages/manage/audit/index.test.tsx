import { act, fireEvent, screen, within } from '@testing-library/react'
import * as admin from '@contracts/admin'
import * as community from '@contracts/community'
import type { AuditEntry } from '@contracts/model'
import { call } from '@/core/api'
import { useSettings } from '@/core/settings'
import { chinaDay } from '../parts/format'
import { callsTo, routeCalls, show } from '@/ui/testing'
import AuditPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const entry = (n: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id: `audit-${n}`,
  actor: 'demo-leader',
  actorName: '张老师',
  action: 'residency.decide',
  target: 'demo-newcomer:ltsc-1-2-402',
  before: { status: 'pending' },
  after: { status: 'verified' },
  at: '2026-11-27T02:15:00.000Z',
  ...overrides,
})

const FIRST = [
  entry(1),
  entry(2, { actor: 'deleted-mig8x2k1', actorName: '', action: 'invite.issue', target: 'ltsc-1', before: null, after: { code: 'K7HMQ2WX', maxUses: 10 } }),
  entry(3, { action: 'volunteer.hours.add', before: null, after: null }),
]

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
  routeCalls(mockCall, [
    [
      admin.auditActors,
      () => ({
        items: [
          { actor: 'demo-leader', name: '张老师', entries: 12 },
          { actor: 'deleted-mig8x2k1', name: '', entries: 1 },
        ],
        next: null,
      }),
    ],
    [
      community.listAudit,
      (input) => {
        const { cursor } = input as { cursor?: string }
        return cursor === '50' ? { items: [entry(51, { actorName: '周书记', actor: 'demo-admin' })], next: null } : { items: FIRST, next: '50' }
      },
    ],
  ])
})

const row = (id: string) => within(document.getElementById(`audit-${id}`) as HTMLElement)

it('shows who did what, when, and what changed', async () => {
  await show(<AuditPage />)
  expect(callsTo(mockCall, community.listAudit)).toEqual([{}])
  expect(row('audit-1').getByText('审核居住登记')).toBeTruthy()
  expect(row('audit-1').getByText('2026年11月27日 10:15')).toBeTruthy()
  expect(row('audit-1').getByText('操作人：张老师')).toBeTruthy()
  expect(row('audit-1').getByText('status: pending → verified')).toBeTruthy()
  expect(row('audit-2').getByText('操作人：已注销的用户')).toBeTruthy()
  expect(row('audit-2').getByText('code: 无 → K7HMQ2WX')).toBeTruthy()
  // An action this version does not know yet is still shown, by its name.
  expect(row('audit-3').getByText('volunteer.hours.add')).toBeTruthy()
})

it('loads the next page on request and appends it', async () => {
  await show(<AuditPage />)
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '加载更多' })))
  expect(callsTo(mockCall, community.listAudit)).toEqual([{}, { cursor: '50' }])
  expect(row('audit-1')).toBeTruthy()
  expect(row('audit-51').getByText('操作人：周书记')).toBeTruthy()
  expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull()
  expect(screen.getByText('以上是全部记录。')).toBeTruthy()
})

it('filters by action and by date, starting again from the first page', async () => {
  await show(<AuditPage />)
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '生成邀请码' })))
  expect(screen.getByRole('button', { name: '✓ 生成邀请码' })).toBeTruthy()
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '今天' })))
  const today = chinaDay(new Date())
  expect(callsTo(mockCall, community.listAudit).slice(1)).toEqual([{ action: 'invite.issue' }, { action: 'invite.issue', from: today, to: today }])
  expect(screen.getByText(`从：${today}`)).toBeTruthy()

  fireEvent.change(screen.getByLabelText(/其他操作/), { target: { value: 'role.grant' } })
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '按这个名称筛选' })))
  expect(callsTo(mockCall, community.listAudit).at(-1)).toEqual({ action: 'role.grant', from: today, to: today })

  await act(async () => fireEvent.click(screen.getByRole('button', { name: '全部时间' })))
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '全部操作' })))
  expect(callsTo(mockCall, community.listAudit).at(-1)).toEqual({})
})

it('filters by a person picked from the people of the log', async () => {
  await show(<AuditPage />)
  expect(screen.getByRole('button', { name: '已注销的用户（1 条）' })).toBeTruthy()
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '张老师（12 条）' })))
  expect(screen.getByRole('button', { name: '✓ 张老师（12 条）' })).toBeTruthy()
  expect(callsTo(mockCall, community.listAudit).at(-1)).toEqual({ actor: 'demo-leader' })
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '全部人员' })))
  expect(callsTo(mockCall, community.listAudit).at(-1)).toEqual({})
})
