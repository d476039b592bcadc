import Taro from '@tarojs/taro'
import { act, fireEvent, screen, within } from '@testing-library/react'
import * as account from '@contracts/account'
import type { Me } from '@contracts/model'
import { call, CloudError } from '@/core/api'
import { usePrivacy } from '@/core/privacy'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { agreed, newcomer, resident, V } from '../parts/fixtures'
import { callsTo, routeCalls, show } from '@/ui/testing'
import PrivacyPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

function card(purpose: string): HTMLElement {
  const element = document.getElementById(`consent-${purpose}`)
  if (!element) throw new Error(`no card for ${purpose}`)
  return element
}

/** A tiny server: `me` answers from `state`, grant and withdraw change it. */
function serve(initial: Me) {
  let state = initial
  routeCalls(mockCall, [
      [account.me, () => state],
      [
        account.grantConsent,
        (input) => {
          const { purpose, version } = input as { purpose: 'app' | 'health'; version: string }
          const consent = { purpose, granted: true, version, at: '2026-11-27T08:00:00.000Z' }
          state = { ...state, consents: state.consents.map((item) => (item.purpose === purpose ? consent : item)) }
          return consent
        },
      ],
      [
        account.withdrawConsent,
        (input) => {
          const { purpose } = input as { purpose: 'health' }
          const consent = { purpose, granted: false, version: V, at: '2026-11-27T08:05:00.000Z' }
          state = { ...state, consents: state.consents.map((item) => (item.purpose === purpose ? consent : item)) }
          return consent
        },
      ],
  ])
}

beforeEach(() => {
  mockCall.mockReset()
  jest.mocked(Taro.navigateTo).mockClear()
  useSession.setState({ me: null, loading: false, failed: false })
  useSettings.setState({ locale: 'zh-CN' })
  usePrivacy.setState({ waiting: [], referrer: '' })
})

it('lets a first-time visitor read what is collected, agree to use the app, and go on to bind a home', async () => {
  serve(newcomer)
  await show(<PrivacyPage />)

  expect(screen.getByText(/我们不收集身份证号、手机号/)).toBeTruthy()
  expect(await screen.findAllByText('○ 未同意')).toHaveLength(3)
  // Health readings build on the app consent: its grant waits, and says why.
  expect(within(card('health')).getByText(/请先同意上面的“使用本程序”/)).toBeTruthy()
  expect(within(card('health')).getByRole('button', { name: '同意' }).hasAttribute('disabled')).toBe(true)

  await act(async () => fireEvent.click(within(card('app')).getByRole('button', { name: '同意' })))

  expect(callsTo(mockCall, account.grantConsent)).toEqual([{ purpose: 'app', version: V }])
  expect(within(card('app')).getByText('✓ 已同意')).toBeTruthy()
  expect(within(card('app')).getByText('已同意“使用本程序”。')).toBeTruthy()
  expect(within(card('health')).getByRole('button', { name: '同意' }).hasAttribute('disabled')).toBe(false)

  fireEvent.click(screen.getByRole('button', { name: '下一步：绑定我的住址' }))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/join/index' })
})

it('withdraws health consent in one tap, says it takes effect at once, and refreshes the session', async () => {
  serve(resident)
  useSession.setState({ me: resident })
  await show(<PrivacyPage />)

  const health = card('health')
  expect(within(health).getByText('✓ 已同意')).toBeTruthy()
  expect(within(health).getByText(/撤回后立即生效：不再记录新的健康读数/)).toBeTruthy()

  await act(async () => fireEvent.click(within(health).getByRole('button', { name: '撤回同意' })))

  expect(callsTo(mockCall, account.withdrawConsent)).toEqual([{ purpose: 'health' }])
  expect(callsTo(mockCall, account.me)).toHaveLength(1)
  expect(within(health).getByText('✕ 已撤回')).toBeTruthy()
  expect(within(health).getByText('已撤回“记录血压等健康数据”，立即生效。')).toBeTruthy()
  expect(within(health).getByRole('button', { name: '同意' })).toBeTruthy()
})

it('asks again when the policy text changed since the person agreed', async () => {
  const outdated: Me = { ...agreed, consents: agreed.consents.map((item) => (item.purpose === 'app' ? { ...item, version: '2025-06-01' } : item)) }
  serve(outdated)
  useSession.setState({ me: outdated })
  await show(<PrivacyPage />)

  const app = card('app')
  expect(within(app).getByText('! 说明已更新，需要重新同意')).toBeTruthy()
  expect(within(app).getByText(/说明版本 2025-06-01 · 最新版本 2026-11-27/)).toBeTruthy()
  await act(async () => fireEvent.click(within(app).getByRole('button', { name: '同意新版说明' })))
  expect(callsTo(mockCall, account.grantConsent)).toEqual([{ purpose: 'app', version: V }])
})

it('explains a refusal in place, without sending the person to the page they are on', async () => {
  useSession.setState({ me: resident })
  mockCall.mockRejectedValueOnce(new CloudError('NETWORK', 'request:fail timeout'))
  await show(<PrivacyPage />)

  await act(async () => fireEvent.click(within(card('app')).getByRole('button', { name: '撤回同意' })))
  expect(within(card('app')).getByText('网络不太好，请检查网络后再试。')).toBeTruthy()
  expect(within(card('app')).getByText('✓ 已同意')).toBeTruthy()

  // The app consent was withdrawn on another phone a moment ago: the server refuses the separate purpose.
  mockCall.mockRejectedValueOnce(new CloudError('CONSENT_REQUIRED', '需要您单独同意后才能使用此功能'))
  await act(async () => fireEvent.click(within(card('publish_household')).getByRole('button', { name: '同意' })))
  expect(within(card('publish_household')).getByText('请先同意上面的“使用本程序”，才能单独同意这一项。')).toBeTruthy()
  expect(screen.queryByRole('button', { name: '查看隐私说明' })).toBeNull()
})

it('shows WeChat’s agree button (from the page shell) only while a privacy API is waiting', async () => {
  serve(resident)
  useSession.setState({ me: resident })
  const resolve = jest.fn()
  await show(<PrivacyPage />)
  expect(document.getElementById('agree-privacy')).toBeNull()

  act(() => usePrivacy.getState().need(resolve, 'packages/account/profile/index'))
  expect(document.getElementById('agree-privacy')?.textContent).toBe('同意并继续')
  // WeChat accepts an answer only after it knows the explanation was shown.
  expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })

  fireEvent.click(screen.getByRole('button', { name: '不同意' }))
  expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
  expect(document.getElementById('agree-privacy')).toBeNull()
})

it('speaks Korean to a Korean resident', async () => {
  serve(resident)
  useSession.setState({ me: resident })
  useSettings.setState({ locale: 'ko' })
  await show(<PrivacyPage />)
  expect(screen.getByText('수집하는 정보와 이유')).toBeTruthy()
  expect(within(card('publish_household')).getByText('○ 동의하지 않음')).toBeTruthy()
  expect(within(card('health')).getByRole('button', { name: '동의 철회' })).toBeTruthy()
})
