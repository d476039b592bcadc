import Taro from '@tarojs/taro'
import { act, fireEvent, screen, within } from '@testing-library/react'
import * as community from '@contracts/community'
import * as account from '@contracts/account'
import type { Building, Room } from '@contracts/model'
import { call, CloudError } from '@/core/api'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { agreed, newcomer, resident } from '../parts/fixtures'
import { callsTo, routeCalls, show, type Answer } from '@/ui/testing'
import JoinPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const AREAS = [
  { id: 'ltsc', name: '绿庭尚城', buildingCount: 3 },
  { id: 'lt', name: '朗庭', buildingCount: 2 },
]
const BUILDINGS: Building[] = [
  { id: 'ltsc-1', areaId: 'ltsc', name: '1号楼', units: 2, floors: 6, roomsPerFloor: 2 },
  { id: 'ltsc-3', areaId: 'ltsc', name: '3号楼', units: 1, floors: 11, roomsPerFloor: 4 },
]

function roomsOf(building: Building, unit: number): Room[] {
  const rooms: Room[] = []
  for (let floor = 1; floor <= building.floors; floor++) {
    for (let position = 1; position <= building.roomsPerFloor; position++) {
      const room = `${floor}${String(position).padStart(2, '0')}`
      rooms.push({ householdId: `${building.id}-${unit}-${room}`, unit, floor, room })
    }
  }
  return rooms
}

const verified502 = { ...resident.residencies[0], id: 'demo-newcomer:ltsc-1-1-502' }

function serve(extra: [typeof community.joinWithCode | typeof community.requestResidency, Answer][] = []) {
  routeCalls(mockCall, [
    [account.me, () => useSession.getState().me ?? agreed],
    [community.listAreas, () => AREAS],
    [community.listBuildings, (input) => BUILDINGS.filter((item) => item.areaId === (input as { areaId: string }).areaId)],
    [
      community.listRooms,
      (input) => {
        const { buildingId, unit } = input as { buildingId: string; unit: number }
        return roomsOf(BUILDINGS.find((item) => item.id === buildingId) as Building, unit)
      },
    ],
    ...extra,
  ])
}

async function tap(name: string | RegExp) {
  const button = await screen.findByRole('button', { name })
  await act(async () => fireEvent.click(button))
}

async function walkTo502() {
  await tap(/绿庭尚城/)
  await tap(/1号楼/)
  await tap('1 单元')
  await tap('502')
}

beforeEach(() => {
  mockCall.mockReset()
  jest.mocked(Taro.navigateTo).mockClear()
  jest.mocked(Taro.switchTab).mockClear()
  useSession.setState({ me: agreed, loading: false, failed: false })
  useSettings.setState({ locale: 'zh-CN' })
})

it('walks from area to room with big buttons and binds the home with an invite code typed in lower case', async () => {
  serve([[community.joinWithCode, () => verified502]])
  await show(<JoinPage />)

  expect(await screen.findByText('第 1 步：选择小区')).toBeTruthy()
  await tap(/绿庭尚城/)
  expect(callsTo(mockCall, community.listBuildings)).toEqual([{ areaId: 'ltsc' }])
  expect(screen.getByText('第 2 步：选择楼栋')).toBeTruthy()
  await tap(/1号楼/)
  expect(screen.getByText('第 3 步：选择单元')).toBeTruthy()
  expect(screen.getByRole('button', { name: '2 单元' })).toBeTruthy()
  await tap('1 单元')
  expect(callsTo(mockCall, community.listRooms)).toEqual([{ buildingId: 'ltsc-1', unit: 1 }])
  expect(screen.getByText('6 层')).toBeTruthy()
  await tap('502')

  expect(screen.getByText('您选择的是：绿庭尚城 1号楼 1单元 502室')).toBeTruthy()
  fireEvent.change(screen.getByLabelText('输入 8 位邀请码'), { target: { value: 'k7hm-q2wx' } })
  expect((screen.getByLabelText('输入 8 位邀请码') as HTMLInputElement).value).toBe('K7HMQ2WX')
  await tap('用邀请码认证')

  expect(callsTo(mockCall, community.joinWithCode)).toEqual([{ householdId: 'ltsc-1-1-502', code: 'K7HMQ2WX' }])
  expect(screen.getByText('认证成功：绿庭尚城 1号楼 1单元 502室')).toBeTruthy()
  expect(callsTo(mockCall, account.me)).toHaveLength(1)
  fireEvent.click(screen.getByRole('button', { name: '查看我的楼栋' }))
  expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/building/index' })
})

it('tells a person who joined a household with verified members that the join waits, and who decides it', async () => {
  serve([[community.joinWithCode, () => ({ ...verified502, status: 'pending' as const })]])
  await show(<JoinPage />)
  await walkTo502()
  fireEvent.change(screen.getByLabelText('输入 8 位邀请码'), { target: { value: 'K7HMQ2WX' } })
  await tap('用邀请码认证')

  const pending = within(document.getElementById('join-pending') as HTMLElement)
  expect(pending.getByText('等待确认')).toBeTruthy()
  expect(pending.getByText(/等待家里已认证的成员或楼组长确认/)).toBeTruthy()
  expect(screen.queryByText(/认证成功/)).toBeNull()
  // Not a success: no way into the building's households yet.
  expect(screen.queryByRole('button', { name: '查看我的楼栋' })).toBeNull()
  expect(screen.getByRole('button', { name: '回到“我的”' })).toBeTruthy()
})

it('says the same in English', async () => {
  useSettings.setState({ locale: 'en' })
  serve([[community.joinWithCode, () => ({ ...verified502, status: 'pending' as const })]])
  await show(<JoinPage />)
  await tap(/绿庭尚城/)
  await tap(/1号楼/)
  await tap('Unit 1')
  await tap('502')
  fireEvent.change(screen.getByLabelText('Enter the 8-character code'), { target: { value: 'K7HMQ2WX' } })
  await tap('Verify with the code')
  expect(screen.getByText(/a verified member of the family or the building leader must confirm/)).toBeTruthy()
})

it('skips the unit step for a one-stairwell building and sends a request for review', async () => {
  const pending = { ...verified502, id: 'demo-newcomer:ltsc-3-1-1103', householdId: 'ltsc-3-1-1103', buildingId: 'ltsc-3', buildingName: '3号楼', room: '1103', status: 'pending' as const }
  serve([[community.requestResidency, () => pending]])
  await show(<JoinPage />)

  await tap(/绿庭尚城/)
  await tap(/3号楼/)
  expect(screen.queryByText('第 3 步：选择单元')).toBeNull()
  expect(callsTo(mockCall, community.listRooms)).toEqual([{ buildingId: 'ltsc-3', unit: 1 }])
  await tap('1103')
  await tap('申请社区审核')

  expect(callsTo(mockCall, community.requestResidency)).toEqual([{ householdId: 'ltsc-3-1-1103' }])
  expect(screen.getByText(/申请已提交：绿庭尚城 3号楼 1单元 1103室/)).toBeTruthy()
  expect(screen.queryByRole('button', { name: '查看我的楼栋' })).toBeNull()
})

it('lets the person change an earlier choice, forgetting the later ones', async () => {
  serve()
  await show(<JoinPage />)
  await tap(/绿庭尚城/)
  await tap(/1号楼/)
  await tap('更改 小区')
  expect(screen.getByText('第 1 步：选择小区')).toBeTruthy()
  await tap(/朗庭/)
  expect(callsTo(mockCall, community.listBuildings)).toEqual([{ areaId: 'ltsc' }, { areaId: 'lt' }])
})

it('checks the code’s length before spending a rate-limited try', async () => {
  serve([[community.joinWithCode, () => verified502]])
  await show(<JoinPage />)
  await walkTo502()
  fireEvent.change(screen.getByLabelText('输入 8 位邀请码'), { target: { value: 'K7HM' } })
  await tap('用邀请码认证')
  expect(screen.getByText('邀请码共 8 位，现在输入了 4 位。')).toBeTruthy()
  expect(callsTo(mockCall, community.joinWithCode)).toEqual([])
})

it.each([
  ['CODE_INVALID', '邀请码不正确，请核对后再试。一小时内输错 5 次后需要等待。'],
  ['CODE_EXPIRED', '这个邀请码已过期、已用完或已被撤销，请向楼组长要一个新的。'],
  ['RATE_LIMITED', '输错次数太多，请一小时后再试，或者改为申请社区审核。'],
  ['CONFLICT', '您已经登记过这个房间（已认证或正在审核中）。'],
] as const)('explains %s in words of its own', async (code, text) => {
  serve([
    [
      community.joinWithCode,
      () => {
        throw new CloudError(code, 'server text')
      },
    ],
  ])
  await show(<JoinPage />)
  await walkTo502()
  fireEvent.change(screen.getByLabelText('输入 8 位邀请码'), { target: { value: 'K7HMQ2WX' } })
  await tap('用邀请码认证')
  expect(within(document.getElementById('join-code') as HTMLElement).getByText(text)).toBeTruthy()
  // The person can still fall back to asking for a review.
  expect(screen.getByRole('button', { name: '申请社区审核' }).hasAttribute('disabled')).toBe(false)
})

it('sends someone who has not agreed yet to the privacy page', async () => {
  useSession.setState({ me: newcomer })
  serve([
    [
      community.requestResidency,
      () => {
        throw new CloudError('CONSENT_REQUIRED', '请先阅读并同意隐私说明')
      },
    ],
  ])
  await show(<JoinPage />)
  expect(screen.getByText('绑定住址前，需要先同意隐私说明中的“使用本程序”。')).toBeTruthy()
  await walkTo502()
  await tap('申请社区审核')
  const request = within(document.getElementById('join-request') as HTMLElement)
  expect(request.getByText('使用这项功能前，请先看一下隐私说明并同意。')).toBeTruthy()
  fireEvent.click(request.getByRole('button', { name: '查看隐私说明' }))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/privacy/index' })
})

it('lists the homes already registered with their status in words', async () => {
  useSession.setState({ me: resident })
  serve()
  await show(<JoinPage />)
  expect(screen.getByText('绿庭尚城 1号楼 1单元 502室')).toBeTruthy()
  expect(screen.getByText('✓ 已认证')).toBeTruthy()
  // A verified member decides who joins the home: the way there is beside it.
  fireEvent.click(screen.getByRole('button', { name: '家人加入申请' }))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/requests/index' })
})

it('speaks Japanese', async () => {
  useSettings.setState({ locale: 'ja' })
  serve()
  await show(<JoinPage />)
  expect(await screen.findByText('ステップ 1：団地を選ぶ')).toBeTruthy()
  await tap(/绿庭尚城/)
  expect(screen.getByText('1号楼').parentElement?.textContent).toContain('2 単元 · 6 階建て')
})
