import { act, fireEvent, screen } from '@testing-library/react'
import * as admin from '@contracts/admin'
import type { ImportPreview, ImportRecord } from '@contracts/admin'
import { call } from '@/core/api'
import { useSettings } from '@/core/settings'
import { callsTo, routeCalls, show } from '@/ui/testing'
import ImportPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const BAD: ImportPreview = {
  fileProblem: null,
  missingColumn: null,
  rows: [],
  problems: [{ line: 2, column: 'roomsPerFloor', problem: 'not_integer' }],
  lines: 1,
  totals: { buildings: 0, households: 0, newAreas: 0 },
}
const GOOD: ImportPreview = {
  fileProblem: null,
  missingColumn: null,
  rows: [{ line: 2, area: '九里亭花园', building: '1号楼', units: 2, floors: 6, roomsPerFloor: 2, households: 24, newArea: true }],
  problems: [],
  lines: 1,
  totals: { buildings: 1, households: 24, newAreas: 1 },
}
const RECORD: ImportRecord = { id: 'imp1', status: 'applied', fileName: '', byName: '周书记', at: '2026-11-27T02:00:00.000Z', buildings: 1, households: 24, newAreas: 1 }

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
  routeCalls(mockCall, [
    [admin.previewImport, (input) => ((input as { csv: string }).csv.includes('两') ? BAD : GOOD)],
    [admin.applyImport, () => RECORD],
    [admin.listImports, () => ({ items: callsTo(mockCall, admin.applyImport).length > 0 ? [RECORD] : [], next: null })],
  ])
})

const paste = (text: string) => fireEvent.change(screen.getByLabelText('表格内容'), { target: { value: text } })

it('shows every row’s problem and offers no import until the file is fixed and previewed again', async () => {
  await show(<ImportPage />)
  paste('小区,楼栋,单元数,层数,每层户数\n九里亭花园,1号楼,2,6,两')
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '预览' })))
  expect(screen.getByText('发现 1 处问题，请修改后重新预览：')).toBeTruthy()
  expect(screen.getByText('! 第 2 行 · 每层户数：不是整数')).toBeTruthy()
  expect(screen.queryByRole('button', { name: /确认导入/ })).toBeNull()

  paste('小区,楼栋,单元数,层数,每层户数\n九里亭花园,1号楼,2,6,2')
  expect(screen.getByText('内容改过了，请重新预览。')).toBeTruthy()
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '预览' })))
  expect(screen.getByText('可以导入 1 栋楼，共 24 户。')).toBeTruthy()
  expect(screen.getByText('✓ 九里亭花园 1号楼 · 2 个单元 · 6 层 · 每层 2 户 = 24 户 · 新小区')).toBeTruthy()
})

it('imports once with a request id, says what was written and lists it in the history', async () => {
  await show(<ImportPage />)
  paste('小区,楼栋,单元数,层数,每层户数\n九里亭花园,1号楼,2,6,2')
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '预览' })))
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认导入 1 栋楼' })))
  const [applyCall] = mockCall.mock.calls.filter(([contract]) => contract === admin.applyImport)
  expect(applyCall[1]).toEqual({ csv: '小区,楼栋,单元数,层数,每层户数\n九里亭花园,1号楼,2,6,2', fileName: '' })
  expect(applyCall[2]).toMatch(/^[a-z0-9]{8,}$/)
  expect(screen.getByText('导入完成：1 栋楼，共 24 户。')).toBeTruthy()
  expect(screen.getByText('✓ 已导入')).toBeTruthy()
})
