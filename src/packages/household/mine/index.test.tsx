import { act, fireEvent, render, screen } from '@testing-library/react'
import * as account from '@contracts/account'
import * as household from '@contracts/household'
import { POLICY_VERSIONS } from '@contracts/model'
import { call, CloudError } from '@/core/api'
import { useSettings } from '@/core/settings'
import { home, party, pledge } from '@/features/household/fixtures'
import MinePage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

beforeEach(() => {
  mockCall.mockReset()
  useSettings.setState({ locale: 'zh-CN' })
})

async function show() {
  await act(async () => {
    render(<MinePage />)
  })
}

const calledContracts = () => mockCall.mock.calls.map(([contract]) => contract)

it('asks for the separate consent, records it, then publishes: two calls, in that order', async () => {
  mockCall.mockImplementation(async (contract: unknown) => {
    if (contract === household.mine) return [home()]
    if (contract === account.grantConsent) return { purpose: 'publish_household', granted: true, version: POLICY_VERSIONS.publish_household, at: '' }
    if (contract === account.me) return null
    if (contract === household.publish) return home({ party: party({ published: true, consent: true, shown: true }) })
    throw new Error('unexpected call')
  })
  await show()
  expect(screen.getByText('公开前，请您单独同意')).toBeTruthy()
  expect(screen.getByText(/不会显示任何人的姓名或电话/)).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('我同意，公开我家'))
  })
  const order = calledContracts().filter((c) => c === account.grantConsent || c === household.publish)
  expect(order).toEqual([account.grantConsent, household.publish])
  expect(mockCall).toHaveBeenCalledWith(account.grantConsent, { purpose: 'publish_household', version: POLICY_VERSIONS.publish_household })
  expect(screen.getByText(/正在公开/)).toBeTruthy()
  expect(screen.getByText('撤回亮身份')).toBeTruthy()
})

it('withdraws in one tap, with no question in between', async () => {
  mockCall.mockImplementation(async (contract: unknown, input: { publish?: boolean }) => {
    if (contract === household.mine) return [home({ party: party({ published: true, consent: true, shown: true }) })]
    if (contract === household.publish && input.publish === false) return home({ party: party({ published: false, consent: true, shown: false }) })
    throw new Error('unexpected call')
  })
  await show()
  await act(async () => {
    fireEvent.click(screen.getByText('撤回亮身份'))
  })
  expect(mockCall).toHaveBeenCalledWith(household.publish, { householdId: 'ltsc-1-1-502', publish: false })
  expect(screen.getByText('✓ 已撤回，邻居已经看不到了。')).toBeTruthy()
  expect(screen.getByText(/没有公开/)).toBeTruthy()
})

it('refuses a pledge with a phone number on the phone, and shows the content check’s refusal in words', async () => {
  mockCall.mockImplementation(async (contract: unknown) => {
    if (contract === household.mine) return [home()]
    if (contract === household.savePledge) throw new CloudError('CONTENT_RISKY', '内容未通过安全检查', 'text')
    throw new Error('unexpected call')
  })
  await show()
  fireEvent.click(screen.getByText('＋ 添加一条承诺'))
  const textarea = screen.getByLabelText('承诺内容')
  fireEvent.change(textarea, { target: { value: '有事打 13912345678' } })
  await act(async () => {
    fireEvent.click(screen.getAllByText('保存').at(-1) as HTMLElement)
  })
  expect(screen.getByText('请不要写电话号码，邻居有事会当面找您。')).toBeTruthy()
  expect(calledContracts()).not.toContain(household.savePledge)

  fireEvent.change(textarea, { target: { value: '帮大家办证' } })
  await act(async () => {
    fireEvent.click(screen.getAllByText('保存').at(-1) as HTMLElement)
  })
  expect(screen.getByText('这段文字没有通过内容安全检查，请换个说法再提交。')).toBeTruthy()
})

it('keeps earlier wordings and retired pledges in view, and stops adding at five', async () => {
  const five = Array.from({ length: 5 }, (_, i) => pledge({ id: `p${i}`, text: `承诺 ${i + 1} 号内容` }))
  const edited = pledge({ id: 'old', status: 'retired', text: '收回的承诺', revisions: [{ category: 'other', text: '最早的说法', at: '2026-10-01T00:00:00.000Z' }] })
  mockCall.mockResolvedValueOnce([home({ party: party({ pledges: [...five, edited] }) })])
  await show()
  expect(screen.getByText('已收回 · 收回的承诺')).toBeTruthy()
  expect(screen.getByText('以前的说法：最早的说法')).toBeTruthy()
  expect(screen.getByText('已有 5 条有效承诺，先收回一条才能再添加。')).toBeTruthy()
  expect(screen.queryByText('＋ 添加一条承诺')).toBeNull()
})
