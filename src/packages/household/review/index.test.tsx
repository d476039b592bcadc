import { act, fireEvent, screen, within } from '@testing-library/react'
import * as household from '@contracts/household'
import type { PendingHousehold } from '@contracts/household'
import { call, CloudError } from '@/core/api'
import { useSettings } from '@/core/settings'
import { callsTo, routeCalls, show } from '@/ui/testing'
import ReviewPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const application = (room: string, over: Partial<PendingHousehold> = {}): PendingHousehold => ({
  householdId: `ltsc-1-1-${room}`,
  areaName: '绿庭尚城',
  buildingName: '1号楼',
  unit: 1,
  room,
  displayName: `${room} 李家`,
  intro: '',
  status: 'pending',
  applicant: '李阿姨',
  appliedAt: '2026-11-26T02:00:00.000Z',
  ...over,
})

/** 60 applications, 50 a page, oldest first; a decided one leaves the queue, as on the server. */
function serve(decide: (input: { householdId: string; approve: boolean }) => unknown = () => application('101')) {
  let queue = Array.from({ length: 60 }, (_, i) => application(String(101 + i)))
  routeCalls(mockCall, [
    [
      household.queue,
      (input) => {
        const skip = Number((input as { cursor?: string }).cursor ?? 0)
        return { items: queue.slice(skip, skip + 50), next: skip + 50 < queue.length ? String(skip + 50) : null }
      },
    ],
    [
      household.decide,
      (input) => {
        const typed = input as { householdId: string; approve: boolean }
        const answer = decide(typed)
        queue = queue.filter((item) => item.householdId !== typed.householdId)
        return answer
      },
    ],
  ])
}

const card = (room: string) => within(document.getElementById(`application-ltsc-1-1-${room}`) as HTMLElement)

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
})

it('shows the first page and the rest on request, then says the list is complete', async () => {
  serve()
  await show(<ReviewPage />)
  expect(card('101').getByText('101 李家')).toBeTruthy()
  expect(document.getElementById('application-ltsc-1-1-151')).toBeNull()
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '加载更多' })))
  expect(card('160').getByText('160 李家')).toBeTruthy()
  expect(callsTo(mockCall, household.queue)).toEqual([{}, { cursor: '50' }])
  expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull()
  expect(screen.getByText('以上是全部。')).toBeTruthy()
})

it('approves, says so, and reads the queue again from its first page', async () => {
  serve()
  await show(<ReviewPage />)
  await act(async () => fireEvent.click(card('101').getByRole('button', { name: '✓ 通过' })))
  expect(callsTo(mockCall, household.decide)).toEqual([{ householdId: 'ltsc-1-1-101', approve: true }])
  expect(screen.getByText('✓ 已通过：101 李家')).toBeTruthy()
  expect(callsTo(mockCall, household.queue)).toEqual([{}, {}])
  expect(document.getElementById('application-ltsc-1-1-101')).toBeNull()
  // The queue moved up by one: the 51st is on the first page now.
  expect(card('151').getByText('151 李家')).toBeTruthy()
})

it('tells an admin that their own household is for another admin to verify', async () => {
  serve(() => {
    throw new CloudError('FORBIDDEN', '不能审核自己家的党员家庭申请，请由其他社区管理员审核', 'own_household')
  })
  await show(<ReviewPage />)
  await act(async () => fireEvent.click(card('102').getByRole('button', { name: '✓ 通过' })))
  expect(screen.getByText('这是您自己家的申请，不能由您审核通过，请另一位社区管理员审核。')).toBeTruthy()
  expect(screen.queryByText(/已通过/)).toBeNull()
})

it('says when nothing is waiting', async () => {
  routeCalls(mockCall, [[household.queue, () => ({ items: [], next: null })]])
  await show(<ReviewPage />)
  expect(screen.getByText('没有等待审核的申请。')).toBeTruthy()
})
