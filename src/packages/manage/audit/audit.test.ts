import { auditInput, describeChange, isDeletedActor, NO_FILTERS, presetOf, presetRange } from './audit'

// 2026-11-28 00:30 in Shanghai, still the 27th in UTC: the community's day is the one that counts.
const now = new Date('2026-11-27T16:30:00.000Z')

describe('date presets', () => {
  it('count days in China time, today included', () => {
    expect(presetRange('today', now)).toEqual({ from: '2026-11-28', to: '2026-11-28' })
    expect(presetRange('week', now)).toEqual({ from: '2026-11-22', to: '2026-11-28' })
    expect(presetRange('month', now)).toEqual({ from: '2026-10-30', to: '2026-11-28' })
    expect(presetRange('all', now)).toEqual({ from: '', to: '' })
  })

  it('recognise the preset a range came from, and none for a hand-picked range', () => {
    expect(presetOf({ from: '2026-11-22', to: '2026-11-28' }, now)).toBe('week')
    expect(presetOf(NO_FILTERS, now)).toBe('all')
    expect(presetOf({ from: '2026-11-01', to: '' }, now)).toBeNull()
  })
})

describe('auditInput', () => {
  it('leaves out what is not filtered and passes the cursor on', () => {
    expect(auditInput(NO_FILTERS)).toEqual({})
    expect(auditInput({ action: ' invite.issue ', actor: '', from: '2026-11-01', to: '' }, '50')).toEqual({ action: 'invite.issue', from: '2026-11-01', cursor: '50' })
    expect(auditInput({ ...NO_FILTERS, actor: 'demo-leader' })).toEqual({ actor: 'demo-leader' })
  })

  it('reads a range picked backwards the way it was meant', () => {
    expect(auditInput({ action: '', actor: '', from: '2026-11-28', to: '2026-11-01' })).toEqual({ from: '2026-11-01', to: '2026-11-28' })
  })
})

describe('describeChange', () => {
  it('lists changed fields as before → after', () => {
    expect(describeChange({ status: 'pending' }, { status: 'verified' })).toEqual([{ field: 'status', before: 'pending', after: 'verified' }])
    expect(describeChange({ revoked: false }, { revoked: true })).toEqual([{ field: 'revoked', before: 'false', after: 'true' }])
  })

  it('shows a record added or removed with an empty side, and skips fields that did not change', () => {
    expect(describeChange(null, { code: 'K7HMQ2WX', maxUses: 10 })).toEqual([
      { field: 'code', before: '', after: 'K7HMQ2WX' },
      { field: 'maxUses', before: '', after: '10' },
    ])
    expect(describeChange({ role: 'building_leader', scope: 'ltsc-1' }, null)).toHaveLength(2)
    expect(describeChange({ a: 1, b: 2 }, { a: 1, b: 3 })).toEqual([{ field: 'b', before: '2', after: '3' }])
  })

  it('writes times on the community’s clock', () => {
    expect(describeChange(null, { expiresAt: '2026-12-04T23:23:46.383Z' })).toEqual([{ field: 'expiresAt', before: '', after: '2026-12-05 07:23' }])
  })
})

it('recognises the anonymous actor a deleted account leaves behind', () => {
  expect(isDeletedActor('deleted-mig8x2k1')).toBe(true)
  expect(isDeletedActor('demo-admin')).toBe(false)
})
