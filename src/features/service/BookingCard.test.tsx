import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { call } from '@/core/api'
import * as service from '@contracts/service'
import type { Booking } from '@contracts/service'
import { BookingCard } from './BookingCard'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const callMock = jest.mocked(call)

const booking: Booking = {
  id: 'seed-knife-1:demo-resident',
  sessionId: 'seed-knife',
  slotId: 'seed-knife-1',
  slotIndex: 1,
  code: 'A1',
  qr: 'LLT:seed-knife:A1',
  status: 'confirmed',
  position: null,
  proxy: null,
  startsAt: '2030-12-05T01:00:00.000Z',
  endsAt: '2030-12-05T01:30:00.000Z',
  cancelDeadline: '2030-12-04T23:00:00.000Z',
  canCancel: true,
  subscribed: { reminder: false, promotion: false },
  promotedAt: null,
  checkedInAt: null,
  cancelReason: null,
  session: { typeName: { 'zh-CN': '磨刀' }, typeKey: 'knife', sensitive: false, place: '1号楼 楼道', day: '2030-12-05', scopeName: '绿庭尚城 1号楼' },
}

beforeEach(() => jest.clearAllMocks())

describe('a booking card', () => {
  it('shows the status in words and the code to show at the door, in China time', () => {
    render(<BookingCard booking={booking} showSession onChange={() => undefined} />)
    expect(screen.getByText('✓ 已预约')).toBeTruthy()
    expect(screen.getByText('A1')).toBeTruthy()
    // A word joiner on each side of the dash keeps the range on one line.
    expect(screen.getByText(/09:00\u2060?–\u2060?09:30/)).toBeTruthy()
  })

  it('cancels only after a second, inline confirmation', async () => {
    const onChange = jest.fn()
    callMock.mockResolvedValue({ ...booking, status: 'cancelled', canCancel: false })
    render(<BookingCard booking={booking} onChange={onChange} />)
    fireEvent.click(screen.getByText('取消预约'))
    expect(callMock).not.toHaveBeenCalled()
    expect(screen.getByText('确定要取消吗？名额会让给候补的邻居。')).toBeTruthy()
    fireEvent.click(screen.getByText('确定取消'))
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ status: 'cancelled' })))
    expect(callMock).toHaveBeenCalledWith(service.cancelBooking, { bookingId: booking.id }, expect.any(String))
  })

  it('after the cut-off says whom to tell instead of offering to cancel', () => {
    render(<BookingCard booking={{ ...booking, canCancel: false }} onChange={() => undefined} />)
    expect(screen.queryByText('取消预约')).toBeNull()
    expect(screen.getByText(/已过取消时间/)).toBeTruthy()
  })

  it('tells a waitlisted neighbour their place in line and offers the promotion notice', () => {
    render(<BookingCard booking={{ ...booking, status: 'waitlisted', position: 3 }} onChange={() => undefined} />)
    expect(screen.getByText('候补第 3 位')).toBeTruthy()
    expect(screen.getByText('候补成功时通知我')).toBeTruthy()
  })
})
