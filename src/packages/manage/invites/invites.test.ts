import type { InviteCode } from '@contracts/model'
import { householdOf, inviteStatus, sortInvites, spacedCode, usesChoicesFor } from './invites'

const now = new Date('2026-11-27T08:00:00.000Z')
const invite = (code: string, overrides: Partial<InviteCode> = {}): InviteCode => ({
  code,
  buildingId: 'ltsc-1',
  householdId: null,
  expiresAt: '2026-12-04T08:00:00.000Z',
  maxUses: 10,
  uses: 0,
  revoked: false,
  ...overrides,
})

describe('inviteStatus', () => {
  it('tells why a code no longer works, strongest reason first', () => {
    expect(inviteStatus(invite('K7HMQ2WX'), now)).toBe('active')
    expect(inviteStatus(invite('K7HMQ2WX', { uses: 10 }), now)).toBe('used_up')
    expect(inviteStatus(invite('K7HMQ2WX', { expiresAt: '2026-11-27T08:00:00.000Z' }), now)).toBe('expired')
    expect(inviteStatus(invite('K7HMQ2WX', { revoked: true, uses: 10, expiresAt: '2026-11-01T00:00:00.000Z' }), now)).toBe('revoked')
  })
})

describe('spacedCode', () => {
  it('splits a code into two groups of four for reading aloud', () => {
    expect(spacedCode('K7HMQ2WX')).toBe('K7HM Q2WX')
    expect(spacedCode('K7HM')).toBe('K7HM')
  })
})

describe('sortInvites', () => {
  it('puts working codes first, newest expiry first', () => {
    const sorted = sortInvites(
      [
        invite('AAAA2222', { revoked: true, expiresAt: '2026-12-10T00:00:00.000Z' }),
        invite('BBBB3333', { expiresAt: '2026-11-30T00:00:00.000Z' }),
        invite('CCCC4444', { expiresAt: '2026-12-05T00:00:00.000Z' }),
      ],
      now,
    )
    expect(sorted.map((item) => item.code)).toEqual(['CCCC4444', 'BBBB3333', 'AAAA2222'])
  })
})

describe('householdOf', () => {
  it('reads the unit and room a household code is for, and nothing for a building code', () => {
    expect(householdOf(invite('K7HMQ2WX', { householdId: 'ltsc-1-2-601' }))).toEqual({ unit: 2, room: '601' })
    expect(householdOf(invite('K7HMQ2WX', { buildingId: 'lt-12', householdId: 'lt-12-1-1103' }))).toEqual({ unit: 1, room: '1103' })
    expect(householdOf(invite('K7HMQ2WX'))).toBeNull()
    expect(householdOf(invite('K7HMQ2WX', { householdId: 'lt-3-1-101' }))).toBeNull()
  })
})

describe('usesChoicesFor', () => {
  it('offers a household code only a few uses', () => {
    expect(usesChoicesFor('household', 10)).toEqual([1, 5, 10])
    expect(usesChoicesFor('building', 10)).toEqual([1, 5, 10, 20, 50])
  })
})
