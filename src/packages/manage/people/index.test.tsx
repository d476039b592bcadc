import { act, fireEvent, screen, within } from '@testing-library/react'
import * as admin from '@contracts/admin'
import type { PersonRow } from '@contracts/admin'
import * as community from '@contracts/community'
import * as volunteer from '@contracts/volunteer'
import { call } from '@/core/api'
import { useSettings } from '@/core/settings'
import { callsTo, routeCalls, show } from '@/ui/testing'
import PeoplePage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const zhang: PersonRow = {
  userId: 'demo-leader',
  nickname: '张老师',
  homes: [{ residencyId: 'demo-leader:ltsc-1-1-301', buildingId: 'ltsc-1', areaName: '绿庭尚城', buildingName: '1号楼', unit: 1, room: '301', status: 'verified' }],
  roles: [{ role: 'building_leader', scope: 'ltsc-1', scopeName: '绿庭尚城 1号楼' }],
}

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
  routeCalls(mockCall, [
    [admin.searchUsers, () => ({ items: [zhang], next: null })],
    [volunteer.listTeams, () => [{ id: 'night-walk', key: 'night_walk', name: { 'zh-CN': '夜走队' }, purpose: { 'zh-CN': '' }, leaderName: '', memberCount: 9, risky: true }]],
    [community.grantRole, (input) => input],
    [community.revokeRole, (input) => input],
    [community.listAreas, () => [{ id: 'ltsc', name: '绿庭尚城', buildingCount: 3 }]],
    [community.listBuildings, () => [{ id: 'ltsc-2', areaId: 'ltsc', name: '2号楼', units: 2, floors: 6, roomsPerFloor: 2 }]],
  ])
})

const person = () => within(document.getElementById('person-demo-leader') as HTMLElement)

async function find() {
  await show(<PeoplePage />)
  fireEvent.change(screen.getByLabelText('昵称（从第一个字开始）'), { target: { value: ' 张 ' } })
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '搜索' })))
}

it('finds a person by nickname and shows their homes and roles', async () => {
  await find()
  expect(callsTo(mockCall, admin.searchUsers)).toEqual([{ by: 'nickname', text: '张' }])
  expect(person().getByText('绿庭尚城 1号楼 1单元 301室 · 已认证')).toBeTruthy()
  expect(person().getByText('★ 楼组长 · 绿庭尚城 1号楼')).toBeTruthy()
})

it('grants a team leader role in three taps that name the role and the team', async () => {
  await find()
  fireEvent.click(person().getByRole('button', { name: '+ 任命新角色' }))
  await act(async () => fireEvent.click(person().getByRole('button', { name: '志愿队长' })))
  fireEvent.click(person().getByText('夜走队'))
  await act(async () => fireEvent.click(person().getByRole('button', { name: '确认任命：志愿队长 · 夜走队' })))
  expect(callsTo(mockCall, community.grantRole)).toEqual([{ userId: 'demo-leader', role: 'team_leader', scope: 'night-walk' }])
  expect(screen.getByText('已任命 张老师 为志愿队长（夜走队）')).toBeTruthy()
  expect(callsTo(mockCall, admin.searchUsers)).toHaveLength(2)
})

it('grants a building of another estate through the building picker, and warns before making an admin', async () => {
  await find()
  fireEvent.click(person().getByRole('button', { name: '+ 任命新角色' }))
  fireEvent.click(person().getByRole('button', { name: '社区管理员' }))
  expect(person().getByText(/请只任命居委会或党总支的工作人员/)).toBeTruthy()
  fireEvent.click(person().getByRole('button', { name: '✓ 社区管理员' }))
  fireEvent.click(person().getByRole('button', { name: '楼组长' }))
  expect(person().getByText('绿庭尚城 1号楼（住在这栋）')).toBeTruthy()
  await act(async () => fireEvent.click(person().getByText('其他楼栋')))
  await act(async () => fireEvent.click(person().getByText('绿庭尚城')))
  fireEvent.click(person().getByText('2号楼'))
  await act(async () => fireEvent.click(person().getByRole('button', { name: '确认任命：楼组长 · 绿庭尚城 2号楼' })))
  expect(callsTo(mockCall, community.grantRole)).toEqual([{ userId: 'demo-leader', role: 'building_leader', scope: 'ltsc-2' }])
})

it('takes a role away only after a confirming tap', async () => {
  await find()
  fireEvent.click(person().getByRole('button', { name: '撤销' }))
  expect(person().getByText('确认撤销 张老师 的楼组长（绿庭尚城 1号楼）？')).toBeTruthy()
  expect(callsTo(mockCall, community.revokeRole)).toEqual([])
  await act(async () => fireEvent.click(person().getByRole('button', { name: '确认撤销' })))
  expect(callsTo(mockCall, community.revokeRole)).toEqual([{ userId: 'demo-leader', role: 'building_leader', scope: 'ltsc-1' }])
  expect(screen.getByText('已撤销 张老师 的楼组长（绿庭尚城 1号楼）')).toBeTruthy()
})
