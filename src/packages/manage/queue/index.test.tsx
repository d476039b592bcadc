import { act, fireEvent, screen, within } from '@testing-library/react'
import * as community from '@contracts/community'
import type { PendingResidency } from '@contracts/model'
import { call, CloudError } from '@/core/api'
import { useSettings } from '@/core/settings'
import { callsTo, routeCalls, show } from '@/ui/testing'
import QueuePage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const newcomer: PendingResidency = { id: 'demo-newcomer:ltsc-1-2-402', nickname: '新邻居', buildingName: '绿庭尚城 1号楼', unit: 2, room: '402', requestedAt: '2026-11-26T02:00:00.000Z', viaInvite: false, issuedByMe: false }
const korean: PendingResidency = { id: 'demo-korean:ltsc-1-1-101', nickname: '', buildingName: '绿庭尚城 1号楼', unit: 1, room: '101', requestedAt: '2026-11-27T03:00:00.000Z', viaInvite: false, issuedByMe: false }

/** The queue shrinks as decisions are made, as the server's does. */
function serve(decide: (input: { residencyId: string; approve: boolean }) => unknown = () => ({})) {
  let queue = [newcomer, korean]
  routeCalls(mockCall, [
    [community.residencyQueue, () => ({ items: queue, next: null })],
    [
      community.decideResidency,
      (input) => {
        const typed = input as { residencyId: string; approve: boolean }
        const answer = decide(typed)
        queue = queue.filter((item) => item.id !== typed.residencyId)
        return answer
      },
    ],
  ])
}

const item = (id: string) => within(document.getElementById(`pending-${id}`) as HTMLElement)

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
})

it('lists pending requests with who, where and when', async () => {
  serve()
  await show(<QueuePage />)
  expect(item(newcomer.id).getByText('新邻居')).toBeTruthy()
  expect(item(newcomer.id).getByText('绿庭尚城 1号楼 2单元 402室')).toBeTruthy()
  expect(item(newcomer.id).getByText('申请时间：2026年11月26日 10:00')).toBeTruthy()
  expect(item(korean.id).getByText('（未填昵称）')).toBeTruthy()
})

it('approves in one tap, says so, and refreshes the list', async () => {
  serve()
  await show(<QueuePage />)
  await act(async () => fireEvent.click(item(newcomer.id).getByRole('button', { name: '✓ 通过' })))

  expect(callsTo(mockCall, community.decideResidency)).toEqual([{ residencyId: newcomer.id, approve: true }])
  expect(screen.getByText('已通过：新邻居，绿庭尚城 1号楼 2单元 402室')).toBeTruthy()
  expect(callsTo(mockCall, community.residencyQueue)).toHaveLength(2)
  expect(document.getElementById(`pending-${newcomer.id}`)).toBeNull()
})

it('declines only after a second, explained tap', async () => {
  serve()
  await show(<QueuePage />)
  fireEvent.click(item(korean.id).getByRole('button', { name: '✕ 不通过' }))
  expect(item(korean.id).getByText('确认不通过？对方需要重新提交申请。')).toBeTruthy()
  expect(callsTo(mockCall, community.decideResidency)).toEqual([])

  fireEvent.click(item(korean.id).getByRole('button', { name: '取消' }))
  expect(item(korean.id).queryByText(/确认不通过/)).toBeNull()

  fireEvent.click(item(korean.id).getByRole('button', { name: '✕ 不通过' }))
  await act(async () => fireEvent.click(item(korean.id).getByRole('button', { name: '确认不通过' })))
  expect(callsTo(mockCall, community.decideResidency)).toEqual([{ residencyId: korean.id, approve: false }])
  expect(screen.getByText('已标记为不通过：（未填昵称），绿庭尚城 1号楼 1单元 101室')).toBeTruthy()
})

it('treats a request someone else already decided as a stale list, not an error', async () => {
  serve(() => {
    throw new CloudError('CONFLICT', '这条申请已经处理过了')
  })
  await show(<QueuePage />)
  await act(async () => fireEvent.click(item(newcomer.id).getByRole('button', { name: '✓ 通过' })))
  expect(screen.getByText('这条申请已经有人处理过了，列表已更新。')).toBeTruthy()
  expect(callsTo(mockCall, community.residencyQueue)).toHaveLength(2)
})

it('says when nothing is waiting', async () => {
  routeCalls(mockCall, [[community.residencyQueue, () => ({ items: [], next: null })]])
  await show(<QueuePage />)
  expect(screen.getByText('没有等待审核的申请。')).toBeTruthy()
})

it('pages through a long queue instead of stopping at the first page', async () => {
  routeCalls(mockCall, [[community.residencyQueue, (input) => ((input as { cursor?: string }).cursor === '50' ? { items: [korean], next: null } : { items: [newcomer], next: '50' })]])
  await show(<QueuePage />)
  expect(document.getElementById(`pending-${korean.id}`)).toBeNull()
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '加载更多' })))
  expect(callsTo(mockCall, community.residencyQueue)).toEqual([{}, { cursor: '50' }])
  expect(item(korean.id).getByText('（未填昵称）')).toBeTruthy()
  expect(screen.getByText('以上是全部。')).toBeTruthy()
})
