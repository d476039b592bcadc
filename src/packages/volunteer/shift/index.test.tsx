import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as volunteer from '@contracts/volunteer'
import type { ShiftDetail } from '@contracts/volunteer'
import { call, CloudError } from '@/core/api'
import ShiftPage from './index'
import { fakeCloud, resident, setScene } from '../../../../tests/app/fixtures'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
jest.mock('@tarojs/taro', () => ({ __esModule: true, ...jest.requireActual('@tarojs/taro'), useRouter: () => ({ params: { id: 's1' } }) }))
const callMock = jest.mocked(call)

function detail(change: Partial<ShiftDetail> = {}, requirements: Partial<ShiftDetail['shift']['requirements']> = {}): ShiftDetail {
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
      requirements: { language: null, training: null, insurance: true, ageHealth: false, ...requirements },
      signupOpensAt: '2026-11-20T00:00:00.000Z',
      signupClosesAt: '2026-11-29T11:00:00.000Z',
      cancelBefore: '2026-11-28T11:00:00.000Z',
      cancelled: false,
      staffing: 'short_soon',
      seriesId: null,
    },
    teamRisky: true,
    mine: null,
    refusals: [],
    cancelRefusal: null,
    checkin: 'early',
    canManage: false,
    myLanguages: [],
    verifiedResident: true,
    ...change,
  }
}

beforeEach(() => {
  jest.clearAllMocks()
  setScene({ me: resident })
})

afterEach(() => {
  // process.env turns an assigned undefined into the string 'undefined'.
  Reflect.deleteProperty(process.env, 'TARO_ENV')
  Reflect.deleteProperty(Taro, 'requestSubscribeMessage')
})

describe('the shift page', () => {
  it('says when, where, how many and what it needs, in words with glyphs', async () => {
    callMock.mockImplementation(fakeCloud([[volunteer.viewShift, () => detail()]]))
    render(<ShiftPage />)
    expect(await screen.findByText((text) => text.replace(/\u2060/g, '') === '11月29日 周日 19:00–21:30')).toBeTruthy()
    expect(screen.getByText('地点：朗庭小区')).toBeTruthy()
    expect(screen.getByText(/▲ 还差 4 人，快开始了 · 已报名 2\/6 人/)).toBeTruthy()
    expect(screen.getByText('需要已投保意外险（由队长登记）')).toBeTruthy()
  })

  it('explains a refusal before the tap and offers no sign-up button', async () => {
    callMock.mockImplementation(fakeCloud([[volunteer.viewShift, () => detail({ refusals: ['overlap', 'insurance'] })]]))
    render(<ShiftPage />)
    expect(await screen.findByText(/这个时间您已经报了别的班次/)).toBeTruthy()
    expect(screen.getByText(/需要先投保意外险/)).toBeTruthy()
    expect(screen.queryByText('报名参加')).toBeNull()
  })

  it('asks for the age and health tick, then signs up with it', async () => {
    const signUp = jest.fn(() => detail({ mine: { status: 'confirmed', waitPosition: null, checkInAt: null, checkOutAt: null, minutes: null, hours: null } }, { ageHealth: true }))
    callMock.mockImplementation(fakeCloud([[volunteer.viewShift, () => detail({}, { ageHealth: true })], [volunteer.signUp, signUp]]))
    render(<ShiftPage />)
    const button = await screen.findByText('报名参加')
    expect(button.hasAttribute('disabled')).toBe(true)
    fireEvent.click(screen.getByText('我确认我的年龄和身体状况适合这项服务'))
    expect(screen.getByText('报名参加').hasAttribute('disabled')).toBe(false)
    fireEvent.click(screen.getByText('报名参加'))
    expect(await screen.findByText('报名成功。')).toBeTruthy()
    expect(signUp).toHaveBeenCalledWith(expect.objectContaining({ shiftId: 's1', confirmAgeHealth: true }))
  })

  it('on weapp, joining the waitlist asks for the 候补成功 message on the tap and says whether it was allowed', async () => {
    process.env.TARO_ENV = 'weapp'
    const id = volunteer.VOLUNTEER_TEMPLATES.promotion
    const ask = jest.fn(async (_options: { tmplIds: string[] }) => ({ [id]: 'accept' }))
    Object.assign(Taro, { requestSubscribeMessage: ask })
    const waitlisted = { status: 'waitlisted' as const, waitPosition: 1, checkInAt: null, checkOutAt: null, minutes: null, hours: null }
    const signUp = jest.fn(() => detail({ mine: waitlisted }))
    const full = detail({ shift: { ...detail().shift, taken: 6, staffing: 'full' } })
    callMock.mockImplementation(fakeCloud([[volunteer.viewShift, () => full], [volunteer.signUp, signUp]]))
    render(<ShiftPage />)
    fireEvent.click(await screen.findByText('名额已满，加入候补'))
    // Asked during the tap itself, before anything was awaited.
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: [id] }))
    expect(await screen.findByText('已加入候补。')).toBeTruthy()
    expect(signUp).toHaveBeenCalledWith(expect.objectContaining({ shiftId: 's1', subscribe: true }))

    // A place is free: there is nothing to be promoted to, so nothing is asked.
    cleanup()
    ask.mockClear()
    const confirmed = jest.fn(() => detail({ mine: { ...waitlisted, status: 'confirmed', waitPosition: null } }))
    callMock.mockImplementation(fakeCloud([[volunteer.viewShift, () => detail()], [volunteer.signUp, confirmed]]))
    render(<ShiftPage />)
    fireEvent.click(await screen.findByText('报名参加'))
    expect(await screen.findByText('报名成功。')).toBeTruthy()
    expect(ask).not.toHaveBeenCalled()
    expect(confirmed).toHaveBeenCalledWith(expect.objectContaining({ subscribe: false }))
  })

  it('on weapp, a declined message still signs up, without it', async () => {
    process.env.TARO_ENV = 'weapp'
    Object.assign(Taro, { requestSubscribeMessage: jest.fn(async () => Promise.reject(new Error('requestSubscribeMessage:fail cancel'))) })
    const signUp = jest.fn(() => detail({ mine: { status: 'waitlisted', waitPosition: 1, checkInAt: null, checkOutAt: null, minutes: null, hours: null } }))
    callMock.mockImplementation(fakeCloud([[volunteer.viewShift, () => detail({ shift: { ...detail().shift, taken: 6, staffing: 'full' } })], [volunteer.signUp, signUp]]))
    render(<ShiftPage />)
    fireEvent.click(await screen.findByText('名额已满，加入候补'))
    expect(await screen.findByText('已加入候补。')).toBeTruthy()
    expect(signUp).toHaveBeenCalledWith(expect.objectContaining({ subscribe: false }))
  })

  it('tells exactly why the cloud refused', async () => {
    callMock.mockImplementation(
      fakeCloud([
        [volunteer.viewShift, () => detail()],
        [volunteer.signUp, () => {
          throw new CloudError('CONFLICT', '您在这个时间已有其他班次', 'overlap')
        }],
      ]),
    )
    render(<ShiftPage />)
    fireEvent.click(await screen.findByText('报名参加'))
    expect(await screen.findByText(/同一时间只能参加一个班次/)).toBeTruthy()
  })

  it('after the deadline says to tell the leader instead of offering to cancel', async () => {
    const mine = { status: 'confirmed' as const, waitPosition: null, checkInAt: null, checkOutAt: null, minutes: null, hours: null }
    callMock.mockImplementation(fakeCloud([[volunteer.viewShift, () => detail({ mine, cancelRefusal: 'deadline' })]]))
    render(<ShiftPage />)
    expect(await screen.findByText(/已经过了取消截止时间/)).toBeTruthy()
    expect(screen.queryByText('取消报名')).toBeNull()
  })

  it('shows a waitlist place with its number, and a way off the list', async () => {
    const mine = { status: 'waitlisted' as const, waitPosition: 2, checkInAt: null, checkOutAt: null, minutes: null, hours: null }
    callMock.mockImplementation(fakeCloud([[volunteer.viewShift, () => detail({ mine })]]))
    render(<ShiftPage />)
    expect(await screen.findByText(/您在候补名单第 2 位/)).toBeTruthy()
    expect(screen.getByText('退出候补')).toBeTruthy()
  })

  it('asks a visitor from a share card to link a home first', async () => {
    callMock.mockImplementation(fakeCloud([[volunteer.viewShift, () => detail({ verifiedResident: false })]]))
    render(<ShiftPage />)
    expect(await screen.findByText('去绑定住址')).toBeTruthy()
    expect(screen.queryByText('报名参加')).toBeNull()
  })
})
