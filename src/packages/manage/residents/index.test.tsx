import Taro from '@tarojs/taro'
import { act, fireEvent, screen, within } from '@testing-library/react'
import * as admin from '@contracts/admin'
import type { ResidentRow } from '@contracts/admin'
import { call } from '@/core/api'
import { useSettings } from '@/core/settings'
import { callsTo, routeCalls, show } from '@/ui/testing'
import ResidentsPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  return { __esModule: true, ...actual, default: actual.default, useRouter: () => ({ params: { id: 'ltsc-1', name: encodeURIComponent('绿庭尚城 1号楼') } }) }
})
const mockCall = call as jest.Mock

const lee: ResidentRow = { residencyId: 'demo-resident:ltsc-1-1-502', nickname: '李阿姨', unit: 1, room: '502', status: 'verified', since: '2026-11-20T02:00:00.000Z' }
const wang: ResidentRow = { residencyId: 'demo-party:ltsc-1-1-601', nickname: '王叔叔', unit: 1, room: '601', status: 'verified', since: '2026-11-20T02:00:00.000Z' }
const asking: ResidentRow = { residencyId: 'x:ltsc-1-2-402', nickname: '', unit: 2, room: '402', status: 'pending', since: '2026-11-26T02:00:00.000Z' }

beforeEach(() => {
  mockCall.mockReset()
  jest.mocked(Taro.navigateTo).mockClear()
  useSettings.setState({ locale: 'zh-CN' })
  let verified = [lee, wang]
  routeCalls(mockCall, [
    [admin.listResidents, (input) => ((input as { status: string }).status === 'pending' ? { items: [asking], next: null } : { items: verified, next: null })],
    [
      admin.removeResidency,
      (input) => {
        verified = verified.filter((row) => row.residencyId !== (input as { residencyId: string }).residencyId)
        return { residencyId: lee.residencyId, status: 'left' }
      },
    ],
  ])
})

const card = (row: ResidentRow) => within(document.getElementById(`resident-${row.residencyId}`) as HTMLElement)

it('removes a resident only after a reason is chosen, and says so', async () => {
  await show(<ResidentsPage />)
  expect(screen.getByText('绿庭尚城 1号楼')).toBeTruthy()
  fireEvent.click(card(lee).getByRole('button', { name: '移出这栋楼' }))
  expect(card(lee).getByRole('button', { name: '确认移出' }).hasAttribute('disabled')).toBe(true)
  fireEvent.click(card(lee).getByRole('button', { name: '已经搬走' }))
  await act(async () => fireEvent.click(card(lee).getByRole('button', { name: '确认移出' })))
  expect(callsTo(mockCall, admin.removeResidency)).toEqual([{ residencyId: lee.residencyId, reason: '已经搬走' }])
  expect(screen.getByText('已移出：李阿姨，1单元 502室')).toBeTruthy()
  expect(document.getElementById(`resident-${lee.residencyId}`)).toBeNull()
})

it('shows requests waiting for review with the way to the review queue', async () => {
  await show(<ResidentsPage />)
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '待审核' })))
  expect(callsTo(mockCall, admin.listResidents).at(-1)).toEqual({ buildingId: 'ltsc-1', status: 'pending' })
  expect(card(asking).getByText('（未填昵称）')).toBeTruthy()
  fireEvent.click(card(asking).getByRole('button', { name: '去审核 ›' }))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/manage/queue/index' })
})
