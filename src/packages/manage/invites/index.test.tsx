import { act, fireEvent, screen, within } from '@testing-library/react'
import * as community from '@contracts/community'
import type { InviteCode } from '@contracts/model'
import { call } from '@/core/api'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { admin, leader } from '../parts/fixtures'
import { callsTo, routeCalls, show } from '@/ui/testing'
import InvitesPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const inDays = (days: number) => new Date(Date.now() + days * 86400000).toISOString()
const code = (value: string, overrides: Partial<InviteCode> = {}): InviteCode => ({ code: value, buildingId: 'ltsc-1', householdId: null, expiresAt: inDays(5), maxUses: 10, uses: 2, revoked: false, ...overrides })

const room = (unit: number, floor: number, position: number) => {
  const name = `${floor}0${position}`
  return { householdId: `ltsc-1-${unit}-${name}`, unit, floor, room: name }
}
const VIEW = {
  building: { id: 'ltsc-1', areaId: 'ltsc', name: '1号楼', units: 2, floors: 6, roomsPerFloor: 2 },
  areaName: '绿庭尚城',
  units: [1, 2].map((unit) => ({ unit, floors: [6, 5, 4, 3, 2, 1].map((floor) => ({ floor, rooms: [room(unit, floor, 1), room(unit, floor, 2)] })) })),
  myHouseholdIds: [],
  householdCount: 24,
  residentCount: 9,
}

/** The building's codes, kept the way the server keeps them. */
function serve(older: InviteCode[] = []) {
  let codes = [code('AB3CD4EF'), code('GH5JK6MN', { revoked: true }), code('PQ7RS8TU', { expiresAt: inDays(-1) }), code('VW9XY2ZA', { uses: 10 }), ...older]
  routeCalls(mockCall, [
    [
      community.listInvites,
      (input) => {
        // 50 a page, newest first, as the server pages them.
        const skip = Number((input as { cursor?: string }).cursor ?? 0)
        return { items: codes.slice(skip, skip + 50), next: skip + 50 < codes.length ? String(skip + 50) : null }
      },
    ],
    [
      community.issueInvite,
      (input) => {
        const { maxUses, days, householdId } = input as { maxUses: number; days: number; householdId?: string }
        const issued = code('K7HMQ2WX', { maxUses, uses: 0, expiresAt: inDays(days), householdId: householdId ?? null })
        codes = [issued, ...codes]
        return issued
      },
    ],
    [
      community.revokeInvite,
      (input) => {
        codes = codes.map((item) => (item.code === (input as { code: string }).code ? { ...item, revoked: true } : item))
        return codes[0]
      },
    ],
    [community.viewBuilding, () => VIEW],
    [community.listAreas, () => [{ id: 'ltsc', name: '绿庭尚城', buildingCount: 3 }]],
    [community.listBuildings, () => [{ id: 'ltsc-1', areaId: 'ltsc', name: '1号楼', units: 2, floors: 6, roomsPerFloor: 2 }]],
  ])
}

const card = (value: string) => within(document.getElementById(`invite-${value}`) as HTMLElement)

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
  useSession.setState({ me: leader })
  serve()
})

it('opens a one-building leader straight on their building, with each code’s status in words', async () => {
  await show(<InvitesPage />)
  expect(screen.getByText('楼栋：绿庭尚城 1号楼')).toBeTruthy()
  expect(screen.queryByRole('button', { name: '更换楼栋' })).toBeNull()
  expect(callsTo(mockCall, community.listInvites)).toEqual([{ buildingId: 'ltsc-1' }])

  expect(card('AB3CD4EF').getByText('AB3C D4EF')).toBeTruthy()
  expect(card('AB3CD4EF').getByText('✓ 可用')).toBeTruthy()
  expect(card('AB3CD4EF').getByText(/已用 2 \/ 10 次/)).toBeTruthy()
  expect(card('GH5JK6MN').getByText('✕ 已撤销')).toBeTruthy()
  expect(card('PQ7RS8TU').getByText('已过期')).toBeTruthy()
  expect(card('VW9XY2ZA').getByText('● 已用完')).toBeTruthy()
  // Only a working code can be withdrawn.
  expect(card('GH5JK6MN').queryByRole('button', { name: '撤销' })).toBeNull()
})

it('issues a code with the chosen limits and shows it big and spaced for reading aloud', async () => {
  await show(<InvitesPage />)
  expect(screen.getByRole('button', { name: '✓ 10 次' })).toBeTruthy()
  fireEvent.click(screen.getByRole('button', { name: '20 次' }))
  fireEvent.click(screen.getByRole('button', { name: '3 天' }))
  expect(screen.getByRole('button', { name: '✓ 20 次' }).getAttribute('aria-pressed')).toBe('true')

  await act(async () => fireEvent.click(screen.getByRole('button', { name: '生成邀请码' })))

  expect(callsTo(mockCall, community.issueInvite)).toEqual([{ buildingId: 'ltsc-1', maxUses: 20, days: 3 }])
  const fresh = within(document.getElementById('new-code') as HTMLElement)
  expect(fresh.getByText('K7HM Q2WX')).toBeTruthy()
  expect(fresh.getByText(/已用 0 \/ 20 次/)).toBeTruthy()
  expect(fresh.getByText(/一个字一个字地读/)).toBeTruthy()
  expect(card('K7HMQ2WX').getByText('✓ 可用')).toBeTruthy()
})

it('withdraws a code after an explained second tap', async () => {
  await show(<InvitesPage />)
  fireEvent.click(card('AB3CD4EF').getByRole('button', { name: '撤销' }))
  expect(card('AB3CD4EF').getByText(/撤销后这个邀请码立即失效/)).toBeTruthy()
  expect(callsTo(mockCall, community.revokeInvite)).toEqual([])

  await act(async () => fireEvent.click(card('AB3CD4EF').getByRole('button', { name: '确认撤销' })))
  expect(callsTo(mockCall, community.revokeInvite)).toEqual([{ code: 'AB3CD4EF' }])
  expect(screen.getByText('已撤销邀请码 AB3C D4EF。')).toBeTruthy()
  expect(card('AB3CD4EF').getByText('✕ 已撤销')).toBeTruthy()
})

it('lets an admin pick any building, area first', async () => {
  useSession.setState({ me: admin })
  await show(<InvitesPage />)
  expect(screen.getByText('选择小区')).toBeTruthy()
  await act(async () => fireEvent.click(screen.getByRole('button', { name: /绿庭尚城/ })))
  await act(async () => fireEvent.click(screen.getByRole('button', { name: /1号楼/ })))
  expect(screen.getByText('楼栋：绿庭尚城 1号楼')).toBeTruthy()
  expect(callsTo(mockCall, community.listInvites)).toEqual([{ buildingId: 'ltsc-1' }])
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '更换楼栋' })))
  expect(screen.getByText('选择小区')).toBeTruthy()
})

it('speaks English, with plurals that read right', async () => {
  useSettings.setState({ locale: 'en' })
  await show(<InvitesPage />)
  expect(screen.getByRole('button', { name: 'once' })).toBeTruthy()
  expect(screen.getByRole('button', { name: '1 day' })).toBeTruthy()
  expect(screen.getByRole('button', { name: '✓ 7 days' })).toBeTruthy()
  expect(card('GH5JK6MN').getByText('✕ Withdrawn')).toBeTruthy()
})

it('shows older codes a page at a time, none cut off', async () => {
  // 60 more, long used up: 64 codes in all, two pages.
  const older = Array.from({ length: 60 }, (_, i) => code(`OLD${String(i).padStart(5, '0')}`, { uses: 10 }))
  mockCall.mockReset()
  serve(older)
  await show(<InvitesPage />)
  expect(document.querySelectorAll('.invites__item')).toHaveLength(50)
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '加载更多' })))
  expect(callsTo(mockCall, community.listInvites)).toEqual([{ buildingId: 'ltsc-1' }, { buildingId: 'ltsc-1', cursor: '50' }])
  expect(document.querySelectorAll('.invites__item')).toHaveLength(64)
  expect(screen.getByText('以上是全部。')).toBeTruthy()
})

it('issues a code for one household, unit then room, with a family’s few uses, and says whose it is', async () => {
  serve([code('CD3EF4GH', { householdId: 'ltsc-1-2-601', maxUses: 5 })])
  await show(<InvitesPage />)
  // The list says which household each code opens.
  expect(card('CD3EF4GH').getByText('只用于 2单元 601室')).toBeTruthy()
  expect(card('AB3CD4EF').getByText('全楼通用（只能加入没人住的房间）')).toBeTruthy()

  fireEvent.click(screen.getByRole('button', { name: '50 次' }))
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '一户' })))
  expect(callsTo(mockCall, community.viewBuilding)).toEqual([{ buildingId: 'ltsc-1' }])
  expect(screen.getByText(/等家里已认证的成员或另一位楼组长确认/)).toBeTruthy()
  // A household code is for a family: no 20 or 50 uses, and the 50 chosen before becomes 10.
  expect(screen.queryByRole('button', { name: '50 次' })).toBeNull()
  expect(screen.getByRole('button', { name: '✓ 10 次' })).toBeTruthy()
  // Nothing to issue until a room is chosen.
  expect(screen.getByRole('button', { name: '生成邀请码' }).hasAttribute('disabled')).toBe(true)

  const picker = within(document.getElementById('invite-household') as HTMLElement)
  fireEvent.click(picker.getByRole('button', { name: '2 单元' }))
  fireEvent.click(picker.getByRole('button', { name: '601' }))
  expect(picker.getByRole('button', { name: '✓ 601' }).getAttribute('aria-pressed')).toBe('true')
  fireEvent.click(screen.getByRole('button', { name: '5 次' }))
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '生成邀请码' })))

  expect(callsTo(mockCall, community.issueInvite)).toEqual([{ buildingId: 'ltsc-1', householdId: 'ltsc-1-2-601', maxUses: 5, days: 7 }])
  expect(within(document.getElementById('new-code') as HTMLElement).getByText('只用于 2单元 601室')).toBeTruthy()
})

it('names the household in Korean words', async () => {
  useSettings.setState({ locale: 'ko' })
  serve([code('CD3EF4GH', { householdId: 'ltsc-1-2-601', maxUses: 5 })])
  await show(<InvitesPage />)
  expect(card('CD3EF4GH').getByText('2라인 601호 전용')).toBeTruthy()
})
