import Taro from '@tarojs/taro'
import { fireEvent, screen } from '@testing-library/react'
import * as community from '@contracts/community'
import type { PendingResidency } from '@contracts/model'
import { call, CloudError } from '@/core/api'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { admin, leader, resident, teamLeader } from './parts/fixtures'
import { callsTo, routeCalls, show } from './parts/testing'
import ManagePage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const PENDING: PendingResidency[] = [
  { id: 'demo-newcomer:ltsc-1-2-402', nickname: '新邻居', buildingName: '绿庭尚城 1号楼', unit: 2, room: '402', requestedAt: '2026-11-26T02:00:00.000Z' },
  { id: 'demo-korean:ltsc-1-1-101', nickname: '김민지', buildingName: '绿庭尚城 1号楼', unit: 1, room: '101', requestedAt: '2026-11-27T03:00:00.000Z' },
]

beforeEach(() => {
  mockCall.mockReset()
  jest.mocked(Taro.navigateTo).mockClear()
  jest.mocked(Taro.switchTab).mockClear()
  useSettings.setState({ locale: 'zh-CN' })
  routeCalls(mockCall, [[community.residencyQueue, () => PENDING]])
})

it('shows a building leader what is waiting and the doors to review and invites, but not the audit log', async () => {
  useSession.setState({ me: leader })
  await show(<ManagePage />)

  expect(screen.getByText('楼组长')).toBeTruthy()
  expect(screen.getByText('绿庭尚城 1号楼')).toBeTruthy()
  expect(screen.getByText('有 2 条居住登记等待审核。')).toBeTruthy()
  expect(screen.queryByText('操作记录')).toBeNull()

  fireEvent.click(screen.getByRole('button', { name: /审核居住登记（2）/ }))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/manage/queue/index' })
  fireEvent.click(screen.getByRole('button', { name: /邀请码/ }))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/manage/invites/index' })
})

it('gives an admin the audit log too', async () => {
  useSession.setState({ me: admin })
  routeCalls(mockCall, [[community.residencyQueue, () => []]])
  await show(<ManagePage />)
  expect(screen.getByText('社区管理员')).toBeTruthy()
  expect(screen.getByText('没有等待审核的居住登记。')).toBeTruthy()
  fireEvent.click(screen.getByRole('button', { name: /操作记录/ }))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/manage/audit/index' })
})

it('sends a team leader to the volunteer tab and asks the cloud nothing', async () => {
  useSession.setState({ me: teamLeader })
  await show(<ManagePage />)
  expect(screen.getByText('志愿队伍的管理在“志愿”页。')).toBeTruthy()
  fireEvent.click(screen.getByRole('button', { name: '去“志愿”页' }))
  expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/volunteer/index' })
  expect(callsTo(mockCall, community.residencyQueue)).toEqual([])
})

it('tells someone without a role that there is nothing to manage', async () => {
  useSession.setState({ me: resident })
  await show(<ManagePage />)
  expect(screen.getByText(/您没有社区管理权限/)).toBeTruthy()
  expect(screen.queryByRole('button', { name: /邀请码/ })).toBeNull()
})

it('shows a refusal of the queue in words, with a retry', async () => {
  useSession.setState({ me: leader })
  routeCalls(mockCall, [
    [
      community.residencyQueue,
      () => {
        throw new CloudError('FORBIDDEN', '仅楼组长或社区管理员可以查看审核队列')
      },
    ],
  ])
  await show(<ManagePage />)
  expect(screen.getByText('您没有权限做这件事。')).toBeTruthy()
  expect(screen.getByRole('button', { name: '再试一次' })).toBeTruthy()
})

it('speaks Korean', async () => {
  useSession.setState({ me: leader })
  useSettings.setState({ locale: 'ko' })
  await show(<ManagePage />)
  expect(screen.getByText('심사를 기다리는 주소 등록이 2건 있습니다.')).toBeTruthy()
})
