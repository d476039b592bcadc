import { act, render, screen } from '@testing-library/react'
import * as service from '@contracts/service'
import type { Booking, SessionDetail } from '@contracts/service'
import { chinaDay } from '@domain/time'
import { setDevIdentitySource, useInLine } from '@/core/api'
import { IN_LINE } from '@/core/inLine'
import SessionPage from './index'
import { resident, setScene } from '../../../../tests/app/fixtures'

// '@/…' resolves before the style mapper sees it: the page's shared stylesheet is stubbed by hand.
jest.mock('@/features/service/service.scss', () => ({}))
jest.mock('@tarojs/taro', () => ({ __esModule: true, ...jest.requireActual('@tarojs/taro'), useRouter: () => ({ params: { id: 'sess-1' } }) }))

const originalEnv = process.env.TARO_ENV
const HOUR = 3600 * 1000

/** A session three days from the test's clock with one open slot of 20 places. */
function detail(myBookings: Booking[] = []): SessionDetail {
  const start = new Date(Date.now() + 3 * 24 * HOUR)
  const end = new Date(start.getTime() + HOUR / 2)
  return {
    id: 'sess-1',
    type: { id: 'knife', key: 'knife', name: { 'zh-CN': '磨刀' }, sensitive: false },
    scope: { kind: 'building', id: 'ltsc-1' },
    scopeName: '绿庭尚城 1号楼',
    place: '1号楼 楼道',
    note: '',
    day: chinaDay(start),
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    opensAt: new Date(Date.now() - HOUR).toISOString(),
    status: 'open',
    capacity: 20,
    slotCount: 1,
    placesLeft: 20 - myBookings.length,
    waiting: 0,
    mine: myBookings.length,
    seriesId: null,
    description: { 'zh-CN': '免费磨刀' },
    bring: { 'zh-CN': '' },
    provider: { 'zh-CN': '王师傅' },
    slots: [{ id: 'sess-1-1', index: 1, letter: 'A', start: '09:00', end: '09:30', startsAt: start.toISOString(), capacity: 20, confirmed: myBookings.length, waiting: 0, phase: 'open' }],
    cancelCutoffMinutes: 120,
    audience: 'community',
    householdCap: 2,
    canBook: { ok: true, householdId: 'ltsc-1-1-502' },
    canManage: false,
    noShowReminder: false,
    myBookings,
  }
}

function booking(session: SessionDetail): Booking {
  return {
    id: 'sess-1-1:me',
    sessionId: 'sess-1',
    slotId: 'sess-1-1',
    slotIndex: 1,
    code: 'A1',
    qr: 'LLT:sess-1:A1',
    status: 'confirmed',
    position: null,
    proxy: null,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    cancelDeadline: session.startsAt,
    canCancel: true,
    subscribed: { reminder: false, promotion: false },
    promotedAt: null,
    checkedInAt: null,
    cancelReason: null,
    session: { typeName: { 'zh-CN': '磨刀' }, typeKey: 'knife', sensitive: false, place: session.place, day: session.day, scopeName: session.scopeName },
  }
}

/** The in-line notice every page's shell shows (the components' stand-in keeps aria-* but not role). */
const inLine = () => document.getElementById('in-line')

/** The local runtime as the page reaches it on H5: the booking is refused BUSY `busyTimes` times, then made. */
function cloud(busyTimes: number) {
  let booked: Booking | null = null
  let refusals = busyTimes
  const bookings: { requestId?: string }[] = []
  const fetchMock = jest.fn(async (_url: string, init: RequestInit) => {
    const event = JSON.parse(String(init.body)) as { action: string; requestId?: string }
    const json = (body: unknown) => ({ status: 200, json: async () => body })
    if (event.action === service.getSession.action) return json({ ok: true, data: detail(booked ? [booked] : []) })
    if (event.action === service.book.action) {
      bookings.push({ requestId: event.requestId })
      if (refusals-- > 0) return json({ ok: false, error: { code: 'BUSY', message: '现在办理的人很多，您已在排队，请稍后再试一次' } })
      booked = booking(detail())
      return json({ ok: true, data: booked })
    }
    return json({ ok: false, error: { code: 'UNKNOWN_ACTION', message: event.action } })
  })
  global.fetch = fetchMock as unknown as typeof fetch
  return { bookings }
}

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  setDevIdentitySource(() => 'h5-abcdefghijklmnop')
  setScene({ me: resident })
  useInLine.setState({ waiting: 0 })
})

afterEach(() => {
  process.env.TARO_ENV = originalEnv
  jest.useRealTimers()
})

describe('booking when many people book at once', () => {
  it('shows 排队中 while the booking waits in line, then the booking, without a second tap', async () => {
    jest.useFakeTimers()
    const { bookings } = cloud(3)
    render(<SessionPage />)
    await act(() => jest.advanceTimersByTimeAsync(0))
    act(() => screen.getByText('预约').click())
    await act(() => jest.advanceTimersByTimeAsync(0))

    const notice = inLine()
    expect(notice?.textContent).toContain('排队中，请稍候…')
    expect(notice?.textContent).toContain('不用再点')
    expect(notice?.getAttribute('aria-live')).toBe('polite')
    expect(screen.queryByText(/现在办理的人很多，您已在排队。请稍等片刻再点一次/)).toBeNull()

    // Three refusals: waits of at most 0.5 + 1 + 2 s.
    await act(() => jest.advanceTimersByTimeAsync(IN_LINE.firstWaitMs * 7))
    expect(inLine()).toBeNull()
    expect(screen.getByText(/✓ 已预约 · 预约码 A1/)).toBeTruthy()
    expect(bookings).toHaveLength(4)
    expect(new Set(bookings.map((b) => b.requestId)).size).toBe(1)
  })

  it('after the whole budget in line, says BUSY as before', async () => {
    jest.useFakeTimers()
    cloud(1000)
    render(<SessionPage />)
    await act(() => jest.advanceTimersByTimeAsync(0))
    act(() => screen.getByText('预约').click())
    await act(() => jest.advanceTimersByTimeAsync(IN_LINE.budgetMs / 2))
    expect(inLine()?.textContent).toContain('排队中')
    await act(() => jest.advanceTimersByTimeAsync(IN_LINE.budgetMs / 2 + IN_LINE.maxWaitMs))
    expect(inLine()).toBeNull()
    expect(screen.getByText(/您已在排队/)).toBeTruthy()
  })
})
