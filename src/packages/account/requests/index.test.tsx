import { act, fireEvent, screen, within } from '@testing-library/react'
import * as community from '@contracts/community'
import type { PendingResidency } from '@contracts/model'
import { call, CloudError } from '@/core/api'
import { useSettings } from '@/core/settings'
import { callsTo, routeCalls, show } from '@/ui/testing'
import RequestsPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const SON: PendingResidency = {
  id: 'demo-son:ltsc-1-1-502',
  nickname: '小李',
  buildingName: '绿庭尚城 1号楼',
  unit: 1,
  room: '502',
  requestedAt: '2026-11-28T02:00:00.000Z',
  viaInvite: true,
  issuedByMe: false,
}
const STRANGER: PendingResidency = { ...SON, id: 'demo-x:ltsc-1-1-502', nickname: '', viaInvite: false }

async function tap(scope: ReturnType<typeof within> | typeof screen, name: string | RegExp) {
  await act(async () => fireEvent.click(scope.getByRole('button', { name })))
}

let waiting: PendingResidency[]
beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
  waiting = [SON, STRANGER]
  routeCalls(mockCall, [
    [community.householdRequests, () => waiting],
    [
      community.decideResidency,
      (input) => {
        const { residencyId } = input as { residencyId: string }
        waiting = waiting.filter((item) => item.id !== residencyId)
        return { id: residencyId, status: 'verified' }
      },
    ],
  ])
})

it('lists who asks to join my home, how, and lets me agree', async () => {
  await show(<RequestsPage />)
  const son = within(document.getElementById(`request-${SON.id}`) as HTMLElement)
  expect(son.getByText('小李')).toBeTruthy()
  expect(son.getByText('绿庭尚城 1号楼 1单元 502室')).toBeTruthy()
  expect(son.getByText('用邀请码加入')).toBeTruthy()
  const other = within(document.getElementById(`request-${STRANGER.id}`) as HTMLElement)
  expect(other.getByText('（未填昵称）')).toBeTruthy()
  expect(other.getByText('申请社区审核')).toBeTruthy()

  await tap(son, '✓ 同意')
  expect(callsTo(mockCall, community.decideResidency)).toEqual([{ residencyId: SON.id, approve: true }])
  expect(screen.getByText('已同意：小李，绿庭尚城 1号楼 1单元 502室')).toBeTruthy()
  expect(document.getElementById(`request-${SON.id}`)).toBeNull()
})

it('asks before refusing, and refuses only after the second tap', async () => {
  await show(<RequestsPage />)
  const other = within(document.getElementById(`request-${STRANGER.id}`) as HTMLElement)
  await tap(other, '✕ 不同意')
  expect(callsTo(mockCall, community.decideResidency)).toEqual([])
  expect(other.getByText('确认不同意？对方需要重新申请。')).toBeTruthy()
  await tap(other, '确认不同意')
  expect(callsTo(mockCall, community.decideResidency)).toEqual([{ residencyId: STRANGER.id, approve: false }])
  expect(screen.getByText('已拒绝：（未填昵称），绿庭尚城 1号楼 1单元 502室')).toBeTruthy()
})

it('says so when the building leader decided first', async () => {
  routeCalls(mockCall, [
    [community.householdRequests, () => waiting],
    [
      community.decideResidency,
      () => {
        throw new CloudError('CONFLICT', '这条申请已经处理过了')
      },
    ],
  ])
  await show(<RequestsPage />)
  await tap(within(document.getElementById(`request-${SON.id}`) as HTMLElement), '✓ 同意')
  expect(screen.getByText('这条申请已经有人处理过了，列表已更新。')).toBeTruthy()
})

it('shows an empty home calmly, in Korean', async () => {
  useSettings.setState({ locale: 'ko' })
  waiting = []
  await show(<RequestsPage />)
  expect(screen.getByText('확인을 기다리는 가입 신청이 없습니다.')).toBeTruthy()
})

it('draws big buttons in 长辈模式', async () => {
  act(() => useSettings.setState({ elderChoice: true }))
  await show(<RequestsPage />)
  expect(document.querySelector('.screen--elder')).not.toBeNull()
  expect(document.querySelectorAll('.screen--elder .btn').length).toBeGreaterThanOrEqual(4)
  act(() => useSettings.setState({ elderChoice: null }))
})
