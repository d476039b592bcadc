import Taro from '@tarojs/taro'
import { fireEvent, screen } from '@testing-library/react'
import * as admin from '@contracts/admin'
import type { Inbox } from '@contracts/admin'
import { call, CloudError } from '@/core/api'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { admin as adminMe, leader, resident, teamLeader } from './parts/fixtures'
import { callsTo, routeCalls, show } from '@/ui/testing'
import ManagePage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const LEADER_INBOX: Inbox = {
  residents: 2,
  households: null,
  sessionsToday: {
    count: 12,
    items: [{ id: 'seed-bp-today', typeName: { 'zh-CN': '测量血压', ko: '혈압 측정' }, place: '1号楼 楼道', scopeName: '绿庭尚城 1号楼', startsAt: '2026-11-27T06:00:00.000Z', endsAt: '2026-11-27T07:00:00.000Z' }],
  },
  understaffed: null,
  hoursToConfirm: null,
}

const navigatedTo = () => jest.mocked(Taro.navigateTo).mock.calls.map(([options]) => (options as { url: string }).url)

beforeEach(() => {
  mockCall.mockReset()
  jest.mocked(Taro.navigateTo).mockClear()
  jest.mocked(Taro.switchTab).mockClear()
  useSettings.setState({ locale: 'zh-CN' })
  routeCalls(mockCall, [[admin.inbox, () => LEADER_INBOX]])
})

it('shows a building leader what is waiting for them, each with a count and a way there', async () => {
  useSession.setState({ me: leader })
  await show(<ManagePage />)

  expect(screen.getByText('楼组长')).toBeTruthy()
  expect(screen.getByText('2 位居民的住址等待审核')).toBeTruthy()
  expect(screen.getByText('● 今天有 12 场服务')).toBeTruthy()
  expect(screen.queryByText(/党员家庭等待认证/)).toBeNull()

  fireEvent.click(screen.getByText('2 位居民的住址等待审核'))
  fireEvent.click(screen.getByText(/14:00.+15:00 测量血压/))
  expect(navigatedTo()).toEqual(['/packages/manage/queue/index', '/packages/service/roster/index?id=seed-bp-today'])
  fireEvent.click(screen.getByRole('button', { name: '还有 11 场，去“服务”页查看' }))
  expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/services/index' })
})

it('gives a building leader their doors but not import, people or the audit log', async () => {
  useSession.setState({ me: leader })
  await show(<ManagePage />)
  for (const door of ['楼栋与住户', '审核居住登记', '邀请码', '数据看板', '导出表格']) expect(screen.getByRole('button', { name: new RegExp(door) })).toBeTruthy()
  expect(screen.queryByRole('button', { name: /人员与角色/ })).toBeNull()
  expect(screen.queryByRole('button', { name: /操作记录/ })).toBeNull()
})

it('gives an admin every door, and says in words when nothing waits', async () => {
  useSession.setState({ me: adminMe })
  routeCalls(mockCall, [[admin.inbox, () => ({ residents: 0, households: 3, sessionsToday: { count: 0, items: [] }, understaffed: 0, hoursToConfirm: 5 }) satisfies Inbox]])
  await show(<ManagePage />)
  expect(screen.getByText('没有等待审核的住址')).toBeTruthy()
  expect(screen.getByText('3 户党员家庭等待认证')).toBeTruthy()
  expect(screen.getByText('✓ 今天没有您负责的服务')).toBeTruthy()
  expect(screen.getByText('7 天内的班次人手都够了')).toBeTruthy()
  fireEvent.click(screen.getByText('3 户党员家庭等待认证'))
  fireEvent.click(screen.getByText('5 条志愿时长等待确认'))
  fireEvent.click(screen.getByRole('button', { name: /人员与角色/ }))
  fireEvent.click(screen.getByRole('button', { name: /操作记录/ }))
  expect(navigatedTo()).toEqual(['/packages/household/review/index', '/packages/volunteer/lead/index', '/packages/manage/people/index', '/packages/manage/audit/index'])
})

it('shows a team leader their shifts and hours, without building doors', async () => {
  useSession.setState({ me: teamLeader })
  routeCalls(mockCall, [[admin.inbox, () => ({ residents: null, households: null, sessionsToday: null, understaffed: 2, hoursToConfirm: 0 }) satisfies Inbox]])
  await show(<ManagePage />)
  expect(screen.getByText('2 个班次还缺人（7 天内）')).toBeTruthy()
  expect(screen.getByText('没有等待确认的志愿时长')).toBeTruthy()
  expect(screen.queryByRole('button', { name: /楼栋与住户/ })).toBeNull()
  expect(screen.getByRole('button', { name: /数据看板/ })).toBeTruthy()
})

it('tells someone without a role that there is nothing to manage, and asks the cloud nothing', async () => {
  useSession.setState({ me: resident })
  await show(<ManagePage />)
  expect(screen.getByText(/您没有社区管理权限/)).toBeTruthy()
  expect(screen.queryByRole('button', { name: /邀请码/ })).toBeNull()
  expect(callsTo(mockCall, admin.inbox)).toEqual([])
})

it('shows a refusal in words, with a retry', async () => {
  useSession.setState({ me: leader })
  routeCalls(mockCall, [
    [
      admin.inbox,
      () => {
        throw new CloudError('FORBIDDEN', '仅楼组长、志愿队长或社区管理员可以使用管理功能')
      },
    ],
  ])
  await show(<ManagePage />)
  expect(screen.getByText('您没有权限做这件事。')).toBeTruthy()
  expect(screen.getByRole('button', { name: '再试一次' })).toBeTruthy()
})

it('speaks Korean, community text included where it was translated', async () => {
  useSession.setState({ me: leader })
  useSettings.setState({ locale: 'ko' })
  await show(<ManagePage />)
  expect(screen.getByText('주소 등록 2건이 심사를 기다립니다')).toBeTruthy()
  expect(screen.getByText(/14:00.+15:00 혈압 측정/)).toBeTruthy()
})
