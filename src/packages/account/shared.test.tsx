// A newcomer who opens a shared card (issue 19): the shared page sends them to privacy and joining with the page as
// `next`, both pages carry it, and the join (or the agreement, for someone with a home) ends on the shared page. A
// resident goes straight to the page; a `next` that is not one of the app's pages is ignored.
import Taro from '@tarojs/taro'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import * as account from '@contracts/account'
import * as community from '@contracts/community'
import * as volunteer from '@contracts/volunteer'
import type { ShiftDetail } from '@contracts/volunteer'
import type { Me } from '@contracts/model'
import { call } from '@/core/api'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { routeCalls, show } from '@/ui/testing'
import ShiftPage from '../volunteer/shift/index'
import JoinPage from './join/index'
import { agreed, consents, newcomer, resident } from './parts/fixtures'
import PrivacyPage from './privacy/index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
let mockParams: Record<string, string> = {}
jest.mock('@tarojs/taro', () => ({ __esModule: true, ...jest.requireActual('@tarojs/taro'), useRouter: () => ({ params: mockParams }) }))
const mockCall = call as jest.Mock
const taro = Taro as unknown as { getCurrentInstance: jest.Mock; navigateTo: jest.Mock; redirectTo: jest.Mock; switchTab: jest.Mock }

const SHIFT = '/packages/volunteer/shift/index?id=s1'
const JOIN = '/packages/account/join/index'
const PRIVACY = '/packages/account/privacy/index'
const joined502 = { ...resident.residencies[0], id: 'demo-newcomer:ltsc-1-1-502' }

function shift(verifiedResident: boolean): ShiftDetail {
  return {
    shift: {
      id: 's1',
      teamId: 'night-walk',
      teamName: { 'zh-CN': '夜走队', en: 'Night Walkers' },
      title: '夜间巡逻',
      place: '朗庭小区',
      startAt: '2026-11-29T11:00:00.000Z',
      endAt: '2026-11-29T13:30:00.000Z',
      capacity: 6,
      taken: 2,
      waiting: 0,
      requirements: { language: null, training: null, insurance: false, ageHealth: false },
      signupOpensAt: '2026-11-20T00:00:00.000Z',
      signupClosesAt: '2026-11-29T11:00:00.000Z',
      cancelBefore: '2026-11-28T11:00:00.000Z',
      cancelled: false,
      staffing: 'short_soon',
      seriesId: null,
    },
    teamRisky: false,
    mine: null,
    refusals: [],
    cancelRefusal: null,
    checkin: 'early',
    canManage: false,
    myLanguages: [],
    verifiedResident,
  } as ShiftDetail
}

/** The page on screen, as Taro's runtime reports it. */
function onScreen(path: string, params: Record<string, string>) {
  mockParams = params
  taro.getCurrentInstance.mockReturnValue({ router: { path, params: { ...params, $taroTimestamp: '1' } } })
}

/** A tiny server: `me` answers from `state`; agreeing and joining change it. */
function serve(initial: Me, join: 'joined' | 'pending' = 'joined') {
  let state = initial
  routeCalls(mockCall, [
    [account.me, () => state],
    [volunteer.viewShift, () => shift(state.residencies.some((home) => home.status === 'verified'))],
    [
      account.grantConsent,
      () => {
        state = { ...state, consents: consents({ ...Object.fromEntries(state.consents.filter((c) => c.granted).map((c) => [c.purpose, c.at])), app: '2026-11-27T08:00:00.000Z' }) }
        return state.consents[0]
      },
    ],
    [community.listAreas, () => [{ id: 'ltsc', name: '绿庭尚城', buildingCount: 1 }]],
    [community.listBuildings, () => [{ id: 'ltsc-1', areaId: 'ltsc', name: '1号楼', units: 1, floors: 6, roomsPerFloor: 2 }]],
    [community.listRooms, () => [{ householdId: 'ltsc-1-1-502', unit: 1, floor: 5, room: '502' }]],
    [
      community.joinWithCode,
      () => {
        const home = { ...joined502, status: join === 'joined' ? ('verified' as const) : ('pending' as const) }
        state = { ...state, residencies: [home] }
        return home
      },
    ],
  ])
}

async function tap(name: string | RegExp) {
  const button = await screen.findByRole('button', { name })
  await act(async () => fireEvent.click(button))
}

const lastUrl = (mock: jest.Mock) => (mock.mock.calls.at(-1)?.[0] as { url: string } | undefined)?.url

beforeEach(() => {
  mockCall.mockReset()
  for (const mock of [taro.navigateTo, taro.redirectTo, taro.switchTab]) mock.mockClear()
  taro.getCurrentInstance.mockReset().mockReturnValue({ router: null })
  mockParams = {}
  useSession.setState({ me: null, loading: false, failed: false })
  useSettings.setState({ locale: 'zh-CN' })
})

describe('a newcomer from a shared card', () => {
  it('goes from the shared shift through the privacy agreement and joining, and lands on the shift', async () => {
    serve(newcomer)
    useSession.setState({ me: newcomer })
    onScreen('/packages/volunteer/shift/index', { id: 's1' })
    render(<ShiftPage />)
    await tap('去绑定住址')
    const toJoin = lastUrl(taro.navigateTo) ?? ''
    expect(toJoin).toBe(`${JOIN}?next=${encodeURIComponent(SHIFT)}`)
    cleanup()

    // Joining asks for the agreement first, and passes the shift on to the privacy page.
    onScreen(JOIN, { next: encodeURIComponent(SHIFT) })
    await show(<JoinPage />)
    await tap('阅读并同意隐私说明')
    expect(lastUrl(taro.navigateTo)).toBe(`${PRIVACY}?next=${encodeURIComponent(SHIFT)}`)
    cleanup()

    onScreen(PRIVACY, { next: encodeURIComponent(SHIFT) })
    await show(<PrivacyPage />)
    const agree = (await screen.findAllByRole('button', { name: '同意' }))[0]
    await act(async () => fireEvent.click(agree))
    expect(taro.redirectTo).not.toHaveBeenCalled()
    await tap('下一步：绑定我的住址')
    expect(lastUrl(taro.navigateTo)).toBe(`${JOIN}?next=${encodeURIComponent(SHIFT)}`)
    cleanup()

    onScreen(JOIN, { next: encodeURIComponent(SHIFT) })
    await show(<JoinPage />)
    await tap(/绿庭尚城/)
    await tap(/1号楼/)
    await tap('502')
    await act(async () => fireEvent.change(await screen.findByPlaceholderText(/邀请码/), { target: { value: 'ABCD2345' } }))
    await tap('用邀请码认证')
    expect(lastUrl(taro.redirectTo)).toBe(SHIFT)
    expect(taro.switchTab).not.toHaveBeenCalled()
  })

  it('after agreeing goes straight to the shared page when they already have a home', async () => {
    const outdated: Me = { ...resident, consents: consents({}) }
    serve(outdated)
    useSession.setState({ me: outdated })
    onScreen(PRIVACY, { next: encodeURIComponent(SHIFT) })
    await show(<PrivacyPage />)
    await act(async () => fireEvent.click((await screen.findAllByRole('button', { name: '同意' }))[0]))
    expect(lastUrl(taro.redirectTo)).toBe(SHIFT)
  })

  it('a join that waits for the family offers the way back, and a shared tab opens with switchTab', async () => {
    serve(agreed, 'pending')
    useSession.setState({ me: agreed })
    onScreen(JOIN, { next: '/pages/building/index' })
    await show(<JoinPage />)
    await tap(/绿庭尚城/)
    await tap(/1号楼/)
    await tap('502')
    await act(async () => fireEvent.change(await screen.findByPlaceholderText(/邀请码/), { target: { value: 'ABCD2345' } }))
    await tap('用邀请码认证')
    expect(taro.switchTab).not.toHaveBeenCalled()
    await tap('回到刚才打开的页面')
    expect(lastUrl(taro.switchTab)).toBe('/pages/building/index')
  })

  it('ignores a next that is not one of the app’s pages', async () => {
    serve(agreed)
    useSession.setState({ me: agreed })
    onScreen(JOIN, { next: encodeURIComponent('https://example.com/packages/volunteer/shift/index') })
    await show(<JoinPage />)
    await tap(/绿庭尚城/)
    await tap(/1号楼/)
    await tap('502')
    await act(async () => fireEvent.change(await screen.findByPlaceholderText(/邀请码/), { target: { value: 'ABCD2345' } }))
    await tap('用邀请码认证')
    expect(taro.redirectTo).not.toHaveBeenCalled()
    expect(screen.queryByText('回到刚才打开的页面')).toBeNull()
    expect(await screen.findByText('查看我的楼栋')).toBeTruthy()
  })
})

describe('a resident from a shared card', () => {
  it('sees the shift itself, with no detour through privacy or joining', async () => {
    serve(resident)
    useSession.setState({ me: resident })
    onScreen('/packages/volunteer/shift/index', { id: 's1' })
    render(<ShiftPage />)
    expect(await screen.findByText('报名参加')).toBeTruthy()
    expect(screen.queryByText('去绑定住址')).toBeNull()
    expect(taro.navigateTo).not.toHaveBeenCalled()
    expect(taro.redirectTo).not.toHaveBeenCalled()
  })
})
