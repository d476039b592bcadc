import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { call } from '@/core/api'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import MePage from './index'
import { account, community, fakeCloud, leader, newcomer, resident, setScene, waiting } from '../../../tests/app/fixtures'
import type { Me } from '@contracts/model'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const callMock = jest.mocked(call)

const originalEnv = process.env.TARO_ENV

beforeEach(() => {
  jest.clearAllMocks()
  localStorage.clear()
  callMock.mockImplementation(
    fakeCloud([
      [account.me, () => resident],
      [account.updateProfile, (input) => ({ ...resident, ...(input as Partial<Me>) })],
      // A verified resident's page asks for requests to join their home; the test about that row answers it.
      [community.householdRequests, () => new Promise(() => undefined)],
    ]),
  )
})

afterEach(() => {
  process.env.TARO_ENV = originalEnv
})

describe('我的', () => {
  it('shows who I am and opens my profile', () => {
    setScene({ me: resident })
    render(<MePage />)
    fireEvent.click(screen.getByText('李阿姨'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/account/profile/index' })
  })

  it('lists my homes with their status in words and lets me add another', () => {
    setScene({ me: leader })
    render(<MePage />)
    expect(screen.getByText('绿庭尚城 1号楼 1单元 301室')).toBeTruthy()
    expect(screen.getAllByText('✓ 已认证')).toHaveLength(2)
    expect(screen.getByText('✕ 未通过')).toBeTruthy()
    fireEvent.click(screen.getByText('添加房屋'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/account/join/index' })
  })

  it('counts the requests to join my home and opens them; no row when none wait', async () => {
    const request = { id: 'demo-son:ltsc-1-1-502', nickname: '小李', buildingName: '绿庭尚城 1号楼', unit: 1, room: '502', requestedAt: '2026-11-28T02:00:00.000Z', viaInvite: true, issuedByMe: false }
    callMock.mockImplementation(fakeCloud([[community.householdRequests, () => [request, { ...request, id: 'demo-x:ltsc-1-1-502' }]]]))
    setScene({ me: resident })
    const { unmount } = render(<MePage />)
    const row = await screen.findByRole('button', { name: '家人加入申请：2 条等您确认 ›' })
    fireEvent.click(row)
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/account/requests/index' })
    unmount()

    callMock.mockImplementation(fakeCloud([[community.householdRequests, () => []]]))
    render(<MePage />)
    await act(async () => undefined)
    expect(screen.queryByText(/家人加入申请/)).toBeNull()
  })

  it('asks nobody about requests when I have no verified home', async () => {
    setScene({ me: waiting })
    render(<MePage />)
    await act(async () => undefined)
    expect(callMock.mock.calls.some(([contract]) => contract === community.householdRequests)).toBe(false)
  })

  it('shows a waiting request as 待审核', () => {
    setScene({ me: waiting })
    render(<MePage />)
    const tag = screen.getByText('待审核', { exact: false })
    expect(tag.textContent?.trim()).toBe('待审核')
    // The hourglass sits beside the words, not inside their Text (weapp draws only text inside <text>).
    expect(tag.parentElement?.querySelector('.icon')?.getAttribute('aria-hidden')).toBe('true')
  })

  it('shows my roles, and the management entry only to managers', () => {
    setScene({ me: leader })
    const { unmount } = render(<MePage />)
    expect(screen.getByText('楼组长 · 绿庭尚城1号楼')).toBeTruthy()
    fireEvent.click(screen.getByText('管理 ›'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/manage/index' })
    unmount()

    setScene({ me: resident })
    render(<MePage />)
    expect(screen.queryByText('管理 ›')).toBeNull()
    expect(screen.queryByText('我的职责')).toBeNull()
  })

  it('links to privacy and to my data', () => {
    setScene({ me: resident })
    render(<MePage />)
    fireEvent.click(screen.getByText('隐私与授权 ›'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/account/privacy/index' })
    fireEvent.click(screen.getByText('我的数据 ›'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/account/data/index' })
  })

  it('switches language at once and saves it to the profile of someone who agreed', async () => {
    setScene({ me: resident })
    render(<MePage />)
    expect(screen.getByText('✓ 中文').getAttribute('aria-checked')).toBe('true')
    fireEvent.click(screen.getByText('한국어'))
    expect(await screen.findByText('✓ 한국어')).toBeTruthy()
    expect(screen.getByText('우리 집')).toBeTruthy()
    expect(useSettings.getState().locale).toBe('ko')
    expect(callMock).toHaveBeenCalledWith(account.updateProfile, { locale: 'ko' })
    await act(async () => undefined)
    expect(useSession.getState().me?.locale).toBe('ko')
  })

  it('keeps the language on the phone only for someone who has not agreed', () => {
    setScene({ me: newcomer })
    render(<MePage />)
    fireEvent.click(screen.getByText('日本語'))
    expect(screen.getByText('✓ 日本語')).toBeTruthy()
    expect(callMock).not.toHaveBeenCalled()
  })

  it('offers 长辈模式 as follow WeChat / on / off', () => {
    setScene({ me: resident })
    render(<MePage />)
    expect(screen.getByText('✓ 跟随微信字体')).toBeTruthy()
    fireEvent.click(screen.getByText('开启'))
    expect(useSettings.getState().elderChoice).toBe(true)
    expect(screen.getByText('✓ 开启')).toBeTruthy()
    fireEvent.click(screen.getByText('关闭'))
    expect(useSettings.getState().elderChoice).toBe(false)
    fireEvent.click(screen.getByText('跟随微信字体'))
    expect(useSettings.getState().elderChoice).toBeNull()
  })

  it('keeps the language picker reachable when the session failed to load', () => {
    setScene({ me: null, failed: true })
    render(<MePage />)
    expect(screen.getByText('再试一次')).toBeTruthy()
    fireEvent.click(screen.getByText('English'))
    expect(screen.getByText('Try again')).toBeTruthy()
  })

  it('has no demo-user switcher in the mini-program', () => {
    process.env.TARO_ENV = 'weapp'
    const fetchMock = jest.fn()
    global.fetch = fetchMock
    setScene({ me: resident })
    render(<MePage />)
    expect(screen.queryByText('演示用户')).toBeNull()
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('on H5 with the runtime in dev mode, switches the demo user and reloads who I am', async () => {
    process.env.TARO_ENV = 'h5'
    global.fetch = jest.fn(async () => ({
      ok: true,
      headers: { get: () => 'application/json' },
      json: async () => [
        { openid: 'demo-resident', name: '李阿姨', description: '居民 · 绿庭尚城1号楼1单元502' },
        { openid: 'demo-leader', name: '张老师', description: '楼组长 · 绿庭尚城1号楼' },
      ],
    })) as unknown as typeof fetch
    callMock.mockImplementation(fakeCloud([[account.me, () => leader]]))
    setScene({ me: resident })
    render(<MePage />)
    fireEvent.click(await screen.findByText('张老师'))
    expect(Taro.getStorageSync('linliting.devOpenid')).toBe('demo-leader')
    expect(callMock).toHaveBeenCalledWith(account.me, {})
    expect(await screen.findByText('楼组长 · 绿庭尚城1号楼', { selector: '.me__role' })).toBeTruthy()
    expect(screen.getByText('✓ 张老师')).toBeTruthy()
  })

  it('on H5 switches back to the browser’s own new identity', async () => {
    process.env.TARO_ENV = 'h5'
    global.fetch = jest.fn(async () => ({
      ok: true,
      headers: { get: () => 'application/json' },
      json: async () => [{ openid: 'demo-leader', name: '张老师', description: '楼组长 · 绿庭尚城1号楼' }],
    })) as unknown as typeof fetch
    Taro.setStorageSync('linliting.devOpenid', 'demo-leader')
    callMock.mockImplementation(fakeCloud([[account.me, () => newcomer]]))
    setScene({ me: leader })
    render(<MePage />)
    expect(await screen.findByText('✓ 张老师')).toBeTruthy()
    fireEvent.click(screen.getByText('我自己（新邻居）'))
    expect(Taro.getStorageSync('linliting.devOpenid')).toBe('')
    expect(screen.getByText('✓ 我自己（新邻居）')).toBeTruthy()
    expect(screen.getByText(/^这个浏览器自己的身份 h5-[a-z0-9]{16}/)).toBeTruthy()
    expect(callMock).toHaveBeenCalledWith(account.me, {})
  })

  it('on H5 hides the switcher when dev mode is off', async () => {
    process.env.TARO_ENV = 'h5'
    const fetchMock = jest.fn(async () => ({ ok: false, status: 404, headers: { get: () => 'application/json' }, json: async () => ({}) }))
    global.fetch = fetchMock as unknown as typeof fetch
    setScene({ me: resident })
    render(<MePage />)
    await act(async () => undefined)
    expect(fetchMock).toHaveBeenCalledWith('/dev/users')
    expect(screen.queryByText('演示用户')).toBeNull()
  })
})
