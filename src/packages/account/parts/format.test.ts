import { formatTime } from './format'

it('writes times on the community’s clock (UTC+8), whatever the phone’s time zone', () => {
  expect(formatTime('2026-11-27T01:30:00.000Z')).toBe('2026-11-27 09:30')
  expect(formatTime('2026-11-27T17:05:00.000Z')).toBe('2026-11-28 01:05')
  expect(formatTime('')).toBe('')
  expect(formatTime('not a time')).toBe('')
})
