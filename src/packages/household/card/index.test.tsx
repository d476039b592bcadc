import { act, fireEvent, render, screen } from '@testing-library/react'
import * as household from '@contracts/household'
import { call, CloudError } from '@/core/api'
import { useSettings } from '@/core/settings'
import { card, entry } from '@/features/household/fixtures'
import CardPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
jest.mock('@tarojs/taro', () => ({ __esModule: true, ...jest.requireActual('@tarojs/taro'), useRouter: () => ({ params: { id: 'ltsc-1-1-601' } }) }))
const mockCall = call as jest.Mock

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
})

async function show() {
  await act(async () => {
    render(<CardPage />)
  })
}

it('shows the household’s name, badge, pledges and fulfilment; a neighbour thanks an entry once', async () => {
  mockCall.mockImplementation(async (contract: unknown) => {
    if (contract === household.viewCard) return card()
    if (contract === household.thank) return { entryId: 'e1', thanks: 3, thankedByMe: true, already: false }
    throw new Error('unexpected call')
  })
  await show()
  expect(screen.getByText('601 王家')).toBeTruthy()
  expect(screen.getByText('☆ 党员家庭 · 亮身份')).toBeTruthy()
  expect(screen.getByText('每周六上午清扫本单元楼道')).toBeTruthy()
  expect(screen.getByText('2 位邻居致谢')).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('谢谢您'))
  })
  expect(mockCall).toHaveBeenCalledWith(household.thank, { entryId: 'e1' })
  expect(screen.getByText('✓ 已致谢')).toBeTruthy()
  expect(screen.getByText('3 位邻居致谢')).toBeTruthy()
  // Thanked is a state, not a button: there is nothing left to tap twice.
  expect(screen.queryByText('谢谢您')).toBeNull()
})

it('an entry already thanked by me shows as thanked, and my own household has no thank button at all', async () => {
  mockCall.mockResolvedValueOnce(card({ timeline: [entry({ thankedByMe: true })] }))
  await show()
  expect(screen.getByText('✓ 已致谢')).toBeTruthy()
  mockCall.mockReset()
  mockCall.mockResolvedValueOnce(card({ isMine: true, shown: false }))
  document.body.innerHTML = ''
  await show()
  expect(screen.queryByText('谢谢您')).toBeNull()
  expect(screen.getByText(/您家现在没有公开/)).toBeTruthy()
})

it('someone outside the building gets "not visible", not an empty card', async () => {
  mockCall.mockRejectedValueOnce(new CloudError('NOT_VISIBLE', '只有本楼已认证的居民'))
  await show()
  expect(screen.getByText('只对本楼栋居民开放')).toBeTruthy()
})
