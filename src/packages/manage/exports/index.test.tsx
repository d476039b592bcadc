import { act, fireEvent, screen } from '@testing-library/react'
import * as admin from '@contracts/admin'
import { call } from '@/core/api'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { admin as adminMe, leader, teamLeader } from '../parts/fixtures'
import { callsTo, readBlob, routeCalls, show } from '@/ui/testing'
import ExportsPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
  routeCalls(mockCall, [
    [
      admin.exportCsv,
      (input) => {
        const { cursor } = input as { cursor?: string }
        return cursor ? { csv: '李阿姨,2026-11-20\r\n', rows: 1, next: null, fileName: '志愿时长.csv' } : { csv: '\uFEFF姓名,服务日期\r\n王叔叔,2026-11-19\r\n', rows: 1, next: '1.x', fileName: '志愿时长.csv' }
      },
    ],
  ])
})

it('offers each role only what it may export', async () => {
  useSession.setState({ me: leader })
  await show(<ExportsPage />)
  expect(screen.getByText('✓ 预约记录')).toBeTruthy()
  expect(screen.getByText('住户名册')).toBeTruthy()
  expect(screen.queryByText(/志愿时长/)).toBeNull()
  expect(screen.getByText('只包含您负责的楼栋或队伍。')).toBeTruthy()
})

it('reads the file page by page, then hands it over as one download', async () => {
  useSession.setState({ me: teamLeader })
  await show(<ExportsPage />)
  expect(screen.queryByText(/预约记录/)).toBeNull()
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '准备文件' })))
  const calls = callsTo(mockCall, admin.exportCsv) as { kind: string; cursor?: string }[]
  expect(calls.map((input) => [input.kind, input.cursor])).toEqual([
    ['hours', undefined],
    ['hours', '1.x'],
  ])
  expect(screen.getByText('文件已准备好：志愿时长.csv，共 2 行。')).toBeTruthy()

  const created: Blob[] = []
  URL.createObjectURL = jest.fn((blob: Blob) => {
    created.push(blob)
    return 'blob:file'
  })
  URL.revokeObjectURL = jest.fn()
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '下载文件' })))
  expect(click).toHaveBeenCalled()
  // One file from both pages, the BOM (which FileReader drops when reading) included in its size.
  const expected = '\uFEFF姓名,服务日期\r\n王叔叔,2026-11-19\r\n李阿姨,2026-11-20\r\n'
  expect(await readBlob(created[0])).toBe(expected.slice(1))
  expect(created[0].size).toBe(Buffer.byteLength(expected))
  expect(screen.getByText('已下载：志愿时长.csv')).toBeTruthy()
})

it('sends a date range for bookings and none for the household list', async () => {
  useSession.setState({ me: adminMe })
  await show(<ExportsPage />)
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '准备文件' })))
  expect(callsTo(mockCall, admin.exportCsv)[0]).toMatchObject({ kind: 'bookings', from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
  await act(async () => fireEvent.click(screen.getByText('住户名册')))
  expect(screen.queryByText('时间范围')).toBeNull()
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '准备文件' })))
  expect(callsTo(mockCall, admin.exportCsv).at(-2)).toEqual({ kind: 'households' })
})
