import Taro from '@tarojs/taro'
import { act, fireEvent, screen } from '@testing-library/react'
import * as admin from '@contracts/admin'
import type { OccupancyRow } from '@contracts/admin'
import * as community from '@contracts/community'
import { call } from '@/core/api'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { admin as adminMe, leader } from '../parts/fixtures'
import { callsTo, routeCalls, show } from '@/ui/testing'
import BuildingsPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const row: OccupancyRow = {
  building: { id: 'ltsc-1', areaId: 'ltsc', name: '1号楼', units: 2, floors: 6, roomsPerFloor: 2 },
  areaName: '绿庭尚城',
  households: 24,
  occupied: 9,
  verified: 11,
  pending: 1,
}

beforeEach(() => {
  mockCall.mockReset()
  jest.mocked(Taro.navigateTo).mockClear()
  useSettings.setState({ locale: 'zh-CN' })
  routeCalls(mockCall, [
    [community.listAreas, () => [{ id: 'ltsc', name: '绿庭尚城', buildingCount: 3 }]],
    [admin.occupancy, () => ({ items: [row], next: null })],
    [admin.createArea, (input) => ({ id: 'a1', name: (input as { name: string }).name, buildingCount: 0 })],
    [admin.createBuilding, (input) => ({ id: 'ltsc-x', ...(input as object) })],
  ])
})

it('shows a leader their buildings with occupancy, and opens the residents of one', async () => {
  useSession.setState({ me: leader })
  await show(<BuildingsPage />)
  expect(callsTo(mockCall, admin.occupancy)).toEqual([{}])
  expect(screen.getByText('绿庭尚城 1号楼')).toBeTruthy()
  expect(screen.getByText('共 24 户 · 已入住 9 户 · 认证居民 11 人')).toBeTruthy()
  expect(screen.getByText('1 人待审核')).toBeTruthy()
  expect(screen.queryByText('导入表格')).toBeNull()
  fireEvent.click(screen.getByText('绿庭尚城 1号楼'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/manage/residents/index?id=ltsc-1&name=${encodeURIComponent('绿庭尚城 1号楼')}` })
})

it('lets an admin create an estate, open one and add a building of a checked shape', async () => {
  useSession.setState({ me: adminMe })
  await show(<BuildingsPage />)
  fireEvent.change(screen.getByLabelText('小区名称'), { target: { value: '九里亭花园' } })
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '创建' })))
  expect(screen.getByText('已创建小区：九里亭花园')).toBeTruthy()

  await act(async () => fireEvent.click(screen.getByText('绿庭尚城')))
  expect(callsTo(mockCall, admin.occupancy)).toEqual([{ areaId: 'ltsc' }])
  fireEvent.change(screen.getByLabelText('楼栋名称'), { target: { value: '12号楼' } })
  fireEvent.change(screen.getByLabelText('层数'), { target: { value: '61' } })
  expect(screen.getByText('! 请填 1 到 60 的整数')).toBeTruthy()
  expect(screen.getByRole('button', { name: '添加' }).hasAttribute('disabled')).toBe(true)
  fireEvent.change(screen.getByLabelText('层数'), { target: { value: '18' } })
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '添加' })))
  expect(callsTo(mockCall, admin.createBuilding)).toEqual([{ areaId: 'ltsc', name: '12号楼', units: 1, floors: 18, roomsPerFloor: 2 }])
  expect(screen.getByText('已添加：12号楼，共 36 户')).toBeTruthy()
})
