import { act, fireEvent, render, screen } from '@testing-library/react'
import * as household from '@contracts/household'
import { call } from '@/core/api'
import { useSettings } from '@/core/settings'
import { home } from '@/features/household/fixtures'
import ApplyPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
})

it('refuses a full name before sending, then applies with "502 李家"', async () => {
  mockCall.mockImplementation(async (contract: unknown) => {
    if (contract === household.mine) return [home({ party: null })]
    if (contract === household.apply) return home()
    throw new Error('unexpected call')
  })
  await act(async () => {
    render(<ApplyPage />)
  })
  const name = screen.getByLabelText('名称（邻居看到的称呼）') as HTMLInputElement
  expect(name.value).toBe('502 ')
  fireEvent.change(name, { target: { value: '502 李秀英' } })
  await act(async () => {
    fireEvent.click(screen.getByText('提交申请'))
  })
  expect(screen.getByText('请不要写全名，只写姓，如“502 王家”。')).toBeTruthy()
  expect(mockCall).not.toHaveBeenCalledWith(household.apply, expect.anything())

  fireEvent.change(name, { target: { value: '502 李家' } })
  await act(async () => {
    fireEvent.click(screen.getByText('提交申请'))
  })
  expect(mockCall).toHaveBeenCalledWith(household.apply, { householdId: 'ltsc-1-1-502', displayName: '502 李家', intro: '' })
  expect(screen.getByText(/已提交/)).toBeTruthy()
})
