import { POLICY_VERSIONS, type InviteCode, type ResidencySummary } from '../../cloud/contracts/model'
import type { Booking, SessionSummary } from '../../cloud/contracts/service'
import type { Certificate } from '../../cloud/contracts/volunteer'
import { PHOTO_MAX_BYTES } from '../../cloud/domain/household'
import { C } from '../../cloud/lib/collections'
import { code, db, freshCommunity, invoke, ok, outbox, snapshot, upload } from './harness'
import { NOW, TODAY, stopClockAtNow } from './world'

/**
 * Issue 20, replayed: each scenario an attacker ran against the functions, kept as a regression test. Every one now
 * ends FORBIDDEN / pending / INVALID_INPUT (or on the record), and a refused call writes nothing (`snapshot`).
 */
function setNow(instant: Date) {
  jest.setSystemTime(instant)
}

// Friday 10:00 in Shanghai (world.ts's NOW): Date only is faked.
beforeAll(stopClockAtNow)
afterAll(() => jest.useRealTimers())

beforeEach(async () => {
  setNow(NOW)
  await freshCommunity(NOW)
})


/** Refused with `expected`, and nothing in the database changed. */
async function refused(fn: Parameters<typeof code>[0], openid: string, action: string, input: unknown, expected: string): Promise<void> {
  const before = await snapshot()
  expect(`${action}: ${await code(fn, openid, action, input)}`).toBe(`${action}: ${expected}`)
  expect(await snapshot()).toBe(before)
}

async function agree(openid: string, purposes: ('app' | 'publish_household' | 'health')[] = ['app']) {
  for (const purpose of purposes) await ok('account', openid, 'consent.grant', { purpose, version: POLICY_VERSIONS[purpose] })
}

async function auditCount(where: Record<string, unknown>): Promise<number> {
  return (await db().collection(C.audit).where(where).count()).total
}

describe('a household cannot be taken over with an invite code', () => {
  it('a building leader joining 王叔叔’s flat with their own code waits, is audited, and can change nothing of the household', async () => {
    const invite = await ok<InviteCode>('community', 'demo-leader', 'invite.issue', { buildingId: 'ltsc-1' })
    const joined = await ok<ResidencySummary>('community', 'demo-leader', 'residency.join', { householdId: 'ltsc-1-1-601', code: invite.code })
    expect(joined.status).toBe('pending')
    expect(await auditCount({ action: 'residency.join', actor: 'demo-leader', target: joined.id })).toBe(1)

    await refused('household', 'demo-leader', 'profile.update', { householdId: 'ltsc-1-1-601', displayName: '601 张家', intro: '' }, 'FORBIDDEN')
    const pledges = (await db().collection(C.pledges).where({ householdId: 'ltsc-1-1-601', status: 'active' }).get()).data
    expect(pledges.length).toBeGreaterThan(0)
    await refused('household', 'demo-leader', 'pledge.retire', { householdId: 'ltsc-1-1-601', pledgeId: pledges[0]._id }, 'FORBIDDEN')
    await refused('household', 'demo-leader', 'publish', { householdId: 'ltsc-1-1-601', publish: false }, 'FORBIDDEN')
    await agree('demo-leader', ['publish_household'])
    await refused('household', 'demo-leader', 'publish', { householdId: 'ltsc-1-1-601', publish: true }, 'FORBIDDEN')
    // Nor does the leader let themselves in: not as the applicant, and another leader's decision is needed for the issuer.
    await refused('community', 'demo-leader', 'residency.decide', { residencyId: joined.id, approve: true }, 'FORBIDDEN')
  })

  it('the household’s own member decides; the code’s issuer cannot decide a join made with it', async () => {
    const invite = await ok<InviteCode>('community', 'demo-leader', 'invite.issue', { buildingId: 'ltsc-1', householdId: 'ltsc-1-1-601', maxUses: 2 })
    await agree('attack-son')
    const joined = await ok<ResidencySummary>('community', 'attack-son', 'residency.join', { householdId: 'ltsc-1-1-601', code: invite.code })
    expect(joined.status).toBe('pending')
    await refused('community', 'demo-leader', 'residency.decide', { residencyId: joined.id, approve: true }, 'FORBIDDEN')
    const requests = await ok<{ id: string }[]>('community', 'demo-party', 'residency.requests')
    expect(requests.map((row) => row.id)).toEqual([joined.id])
    expect((await ok<ResidencySummary>('community', 'demo-party', 'residency.decide', { residencyId: joined.id, approve: true })).status).toBe('verified')
    expect(await auditCount({ action: 'residency.decide', actor: 'demo-party', target: joined.id })).toBe(1)
  })

  it('a brand-new user with a shared building code cannot enter flat 402 and change it', async () => {
    const invite = await ok<InviteCode>('community', 'demo-admin', 'invite.issue', { buildingId: 'ltsc-1', maxUses: 20 })
    await agree('attack-stranger', ['app', 'publish_household'])
    const joined = await ok<ResidencySummary>('community', 'attack-stranger', 'residency.join', { householdId: 'ltsc-1-1-402', code: invite.code })
    expect(joined.status).toBe('pending')
    await refused('household', 'attack-stranger', 'profile.update', { householdId: 'ltsc-1-1-402', displayName: '402 李家', intro: '' }, 'FORBIDDEN')
    await refused('household', 'attack-stranger', 'publish', { householdId: 'ltsc-1-1-402', publish: true }, 'FORBIDDEN')
    await refused('household', 'attack-stranger', 'publish', { householdId: 'ltsc-1-1-402', publish: false }, 'FORBIDDEN')
  })

  it('a household code opens only its household; a building code opens an empty room at once', async () => {
    const forOne = await ok<InviteCode>('community', 'demo-leader', 'invite.issue', { buildingId: 'ltsc-1', householdId: 'ltsc-1-2-102', maxUses: 1 })
    expect(forOne.householdId).toBe('ltsc-1-2-102')
    await agree('attack-stranger')
    await expect(code('community', 'attack-stranger', 'residency.join', { householdId: 'ltsc-1-1-601', code: forOne.code })).resolves.toBe('CODE_INVALID')
    expect((await ok<ResidencySummary>('community', 'attack-stranger', 'residency.join', { householdId: 'ltsc-1-2-102', code: forOne.code })).status).toBe('verified')
    expect(await code('community', 'demo-leader', 'invite.issue', { buildingId: 'ltsc-1', householdId: 'ltsc-1-2-102', maxUses: 50 })).toBe('INVALID_INPUT')
  })

  it('one person cannot fill a leader’s queue with requests', async () => {
    await agree('attack-spammer')
    for (const room of ['102', '201', '302', '401', '402']) await ok('community', 'attack-spammer', 'residency.request', { householdId: `ltsc-1-2-${room}` })
    await refused('community', 'attack-spammer', 'residency.request', { householdId: 'ltsc-1-2-502' }, 'RATE_LIMITED')
    const invite = await ok<InviteCode>('community', 'demo-admin', 'invite.issue', { buildingId: 'ltsc-1' })
    await refused('community', 'attack-spammer', 'residency.join', { householdId: 'ltsc-1-2-601', code: invite.code }, 'RATE_LIMITED')
  })
})

describe('authority ends when the role ends', () => {
  it('after 张老师’s building-leader role is revoked, every leader action on her own session is refused and writes nothing', async () => {
    const invite = await ok<InviteCode>('community', 'demo-leader', 'invite.issue', { buildingId: 'ltsc-1' })
    const [session] = await ok<SessionSummary[]>('service', 'demo-leader', 'session.create', {
      typeId: 'blood-pressure',
      scope: { kind: 'building', id: 'ltsc-1' },
      place: '党群服务站',
      day: TODAY,
      slots: [{ start: '14:00', end: '14:30' }, { start: '14:30', end: '15:00' }],
      capacity: 5,
    })
    const booking = await ok<Booking>('service', 'demo-resident', 'booking.create', { slotId: `${session.id}-1` })
    setNow(new Date('2026-11-27T05:55:00Z'))
    await ok('service', 'demo-leader', 'booking.checkin', { sessionId: session.id, code: booking.code })

    await ok('community', 'demo-admin', 'role.revoke', { userId: 'demo-leader', role: 'building_leader', scope: 'ltsc-1' })

    await refused('service', 'demo-leader', 'roster.get', { sessionId: session.id }, 'FORBIDDEN')
    await refused('service', 'demo-leader', 'booking.checkin', { sessionId: session.id, code: booking.code, undo: true }, 'FORBIDDEN')
    await refused('service', 'demo-leader', 'reading.record', { bookingId: booking.id, systolic: 200, diastolic: 120 }, 'NOT_FOUND')
    await refused('service', 'demo-leader', 'booking.cancel', { bookingId: booking.id }, 'NOT_FOUND')
    await refused('service', 'demo-leader', 'session.cancel', { sessionId: session.id }, 'FORBIDDEN')
    await refused('admin', 'demo-leader', 'export', { kind: 'bookings', from: TODAY, to: TODAY }, 'FORBIDDEN')
    await refused('admin', 'demo-leader', 'inbox', {}, 'FORBIDDEN')
    await refused('community', 'demo-leader', 'residency.queue', {}, 'FORBIDDEN')
    await refused('community', 'demo-leader', 'invite.issue', { buildingId: 'ltsc-1' }, 'FORBIDDEN')
    // The codes she issued carried her authority: they are dead too.
    await agree('attack-stranger')
    expect(await code('community', 'attack-stranger', 'residency.join', { householdId: 'ltsc-1-2-101', code: invite.code })).toBe('CODE_EXPIRED')
  })

  it('a leader’s management hub no longer lists sessions they created in another building', async () => {
    await ok('community', 'demo-admin', 'role.grant', { userId: 'demo-leader', role: 'building_leader', scope: 'bsw-2' })
    await ok<SessionSummary[]>('service', 'demo-leader', 'session.create', {
      typeId: 'knife',
      scope: { kind: 'building', id: 'bsw-2' },
      place: '楼道',
      day: TODAY,
      slots: [{ start: '15:00', end: '15:30' }],
      capacity: 5,
    })
    const before = await ok<{ sessionsToday: { count: number } }>('admin', 'demo-leader', 'inbox')
    await ok('community', 'demo-admin', 'role.revoke', { userId: 'demo-leader', role: 'building_leader', scope: 'bsw-2' })
    const after = await ok<{ sessionsToday: { count: number } }>('admin', 'demo-leader', 'inbox')
    expect(after.sessionsToday.count).toBe(before.sessionsToday.count - 1)
  })
})

describe('every read of personal data by staff is on the record', () => {
  it('an export that starts from a cursor of its own making is audited like a first page (or refused, writing nothing)', async () => {
    const forged = [Buffer.from(JSON.stringify([{ d: 0 }, '0'])).toString('base64url'), '0.0', '0']
    for (const [kind, extra] of [['bookings', { from: '2026-11-01', to: TODAY }], ['households', {}]] as const) {
      for (const cursor of forged) {
        const before = await snapshot()
        const audited = await auditCount({ action: `export.${kind}`, actor: 'demo-leader' })
        const result = await invoke('admin', 'demo-leader', 'export', { kind, ...extra, cursor })
        if (result.ok) expect(await auditCount({ action: `export.${kind}`, actor: 'demo-leader' })).toBe(audited + 1)
        else {
          expect(result.error.code).toBe('INVALID_INPUT')
          expect(await snapshot()).toBe(before)
        }
      }
    }
  })

  it('roster and queue reads are audited, and the audit log is for admins only', async () => {
    const [session] = await ok<SessionSummary[]>('service', 'demo-leader', 'session.create', {
      typeId: 'blood-pressure',
      scope: { kind: 'building', id: 'ltsc-1' },
      place: '党群服务站',
      day: TODAY,
      slots: [{ start: '14:00', end: '14:30' }],
      capacity: 5,
    })
    await ok('service', 'demo-leader', 'roster.get', { sessionId: session.id })
    expect(await auditCount({ action: 'service.roster.read', actor: 'demo-leader', target: session.id })).toBe(1)
    await ok('community', 'demo-leader', 'residency.queue', {})
    expect(await auditCount({ action: 'residency.queue.read', actor: 'demo-leader' })).toBe(1)
    await ok('household', 'demo-admin', 'queue', {})
    expect(await auditCount({ action: 'household.queue.read', actor: 'demo-admin' })).toBe(1)
    await ok('volunteer', 'demo-teamlead', 'roster.view', { shiftId: 'seed-night-past-1' })
    expect(await auditCount({ action: 'volunteer.roster.read', actor: 'demo-teamlead' })).toBe(1)
    for (const who of ['demo-leader', 'demo-teamlead', 'demo-resident']) await refused('community', who, 'audit.list', {}, 'FORBIDDEN')
  })
})

describe('nobody certifies themselves', () => {
  it('a team leader cannot add hours for themselves, nor confirm their own', async () => {
    const confirmedBefore = (await db().collection(C.volunteerHours).where({ openid: 'demo-teamlead', status: 'confirmed' }).get()).data
    await refused('volunteer', 'demo-teamlead', 'hours.manual', { shiftId: 'seed-night-past-2', volunteerId: 'demo-teamlead', minutes: 120, reason: '忘记签到' }, 'FORBIDDEN')
    await refused('volunteer', 'demo-teamlead', 'hours.manual', { shiftId: 'seed-night-past-3', volunteerId: 'demo-teamlead', minutes: 120, reason: '忘记签到' }, 'FORBIDDEN')
    // Hours of their own waiting on a shift stay waiting when they confirm the shift.
    await db().collection(C.volunteerHours).add({
      data: { _id: 'seed-night-past-3:demo-teamlead', shiftId: 'seed-night-past-3', teamId: 'night-walk', openid: 'demo-teamlead', title: '夜间巡逻', place: '朗庭小区', day: TODAY, startAt: NOW, endAt: NOW, checkInAt: NOW, checkOutAt: NOW, minutes: 150, status: 'recorded', source: 'attendance', reason: null, recordedBy: 'demo-teamlead', recordedAt: NOW, confirmedBy: null, confirmedAt: null },
    })
    await ok('volunteer', 'demo-teamlead', 'hours.confirm', { shiftId: 'seed-night-past-3' })
    const own = (await db().collection(C.volunteerHours).doc('seed-night-past-3:demo-teamlead').get()).data as unknown as { status: string }
    expect(own.status).toBe('recorded')
    expect((await db().collection(C.volunteerHours).where({ openid: 'demo-teamlead', status: 'confirmed' }).get()).data).toHaveLength(confirmedBefore.length)
  })

  it('back-dated additions have an age limit, and the certificate’s record says who added hours', async () => {
    setNow(new Date(NOW.getTime() + 40 * 86400_000))
    await refused('volunteer', 'demo-teamlead', 'hours.manual', { shiftId: 'seed-night-past-1', volunteerId: 'seed-vol-2', minutes: 60, reason: '忘记签到' }, 'INVALID_INPUT')
    setNow(NOW)
    await ok('volunteer', 'demo-teamlead', 'hours.manual', { shiftId: 'seed-night-past-3', volunteerId: 'demo-volunteer', minutes: 60, reason: '忘记签退' })
    const certificate = await ok<Certificate>('volunteer', 'demo-volunteer', 'certificate.issue')
    const added = certificate.manual.find((entry) => entry.reason === '忘记签退')
    expect(added).toMatchObject({ minutes: 60, addedBy: '刘队长' })
  })
})

describe('cheap abuse is capped cheaply', () => {
  it('a household application refused for its state runs no content check', async () => {
    const checks = async () => outbox().length
    const before = await checks()
    for (let i = 0; i < 3; i++) expect(await code('household', 'demo-party', 'apply', { householdId: 'ltsc-1-1-601', displayName: '601 王家', intro: '' })).toBe('CONFLICT')
    expect(await checks()).toBe(before)
  })

  it('a nickname with a phone number is refused', async () => {
    await refused('account', 'demo-resident', 'profile.update', { nickname: '138 0013 8000 加微信' }, 'INVALID_INPUT')
  })
})

describe('files are owned', () => {
  it('a file of flat 402’s folder with 601’s folder appended is not 601’s photo', async () => {
    const forged = 'cloud://local/household/ltsc-1-1-402/mir2k3-a1b2c3d4e5f6.jpg?/household/ltsc-1-1-601/'
    await refused('household', 'demo-party', 'fulfilment.add', { householdId: 'ltsc-1-1-601', day: TODAY, note: '帮邻居取了快递', photos: [forged] }, 'INVALID_INPUT')
  })

  it('the storage rules in the repository let only a file’s owner write it, and only in the app’s folders', () => {
    const rules = require('../../cloud/storage-rules.json') as { read: string; write: string }
    expect(rules.write).toContain('resource.openid == auth.openid')
    const patterns = [...rules.write.matchAll(/\/(\^.*?\$)\/\.test/g)].map((found) => new RegExp(found[1]))
    const allowed = (path: string) => patterns.some((pattern) => pattern.test(path))
    expect(allowed('household/ltsc-1-1-601/mir2k3-a1b2c3d4e5f6.jpg')).toBe(true)
    expect(allowed('avatars/0123456789abcdef01234567/k2m9a1b2c3d4e5f6.jpg')).toBe(true)
    for (const path of ['avatars/0123456789abcdef.jpg', 'avatars/0123456789abcdef01234567/../x.jpg', 'household/ltsc-1-1-601/../402/a.jpg', 'household/ltsc-1-1-601/a.jpg?/x', 'x/household/ltsc-1-1-601/a.jpg', 'household/ltsc-1-1-601/a.html']) expect(allowed(path)).toBe(false)
  })
})

describe('deletion leaves no identifier', () => {
  it('after 张老师 deletes her account, her openid is nowhere in the database, and what she decided still counts', async () => {
    const [session] = await ok<SessionSummary[]>('service', 'demo-leader', 'session.create', {
      typeId: 'blood-pressure',
      scope: { kind: 'building', id: 'ltsc-1' },
      place: '党群服务站',
      day: TODAY,
      slots: [{ start: '14:00', end: '14:30' }],
      capacity: 5,
    })
    const booking = await ok<Booking>('service', 'demo-resident', 'booking.create', { slotId: `${session.id}-1` })
    setNow(new Date('2026-11-27T05:55:00Z'))
    await ok('service', 'demo-leader', 'booking.checkin', { sessionId: session.id, code: booking.code })
    await ok('service', 'demo-leader', 'reading.record', { bookingId: booking.id, systolic: 128, diastolic: 82 })
    await agree('attack-stranger')
    const request = await ok<ResidencySummary>('community', 'attack-stranger', 'residency.request', { householdId: 'ltsc-1-2-102' })
    await ok('community', 'demo-leader', 'residency.decide', { residencyId: request.id, approve: true })
    const decided = await auditCount({ action: 'residency.decide', actor: 'demo-leader' })

    await ok('account', 'demo-leader', 'account.delete', { confirm: 'DELETE' })
    expect(await snapshot()).not.toContain('demo-leader')
    const { data } = await db().collection(C.audit).where({ action: 'residency.decide', target: request.id }).get()
    expect(data).toHaveLength(1)
    expect(await auditCount({ action: 'residency.decide', actor: data[0].actor })).toBe(decided)
  })
})

describe('the rest of issue 20: team applications capped, names checked, uploads checked where they arrive, staff reads audited', () => {
  it('one person cannot have more than five team applications waiting', async () => {
    const [team] = (await db().collection(C.teams).limit(1).get()).data as { _id: string; order: number }[]
    for (let i = 1; i <= 6; i++) await db().collection(C.teams).add({ data: { ...team, _id: `extra-team-${i}`, order: 100 + i } })
    for (let i = 1; i <= 5; i++) await ok('volunteer', 'demo-resident', 'team.join', { teamId: `extra-team-${i}` })
    await refused('volunteer', 'demo-resident', 'team.join', { teamId: 'extra-team-6' }, 'RATE_LIMITED')
    // Asking again for one already waiting is not a new application.
    await ok('volunteer', 'demo-resident', 'team.join', { teamId: 'extra-team-1' })
  })

  it('volunteer names and nicknames go through the phone filter, then the content check', async () => {
    const checks = async () => outbox().filter((entry) => entry.kind === 'msgSecCheck').length
    const before = await checks()
    await refused('volunteer', 'demo-volunteer', 'profile.update', { name: '陈 138 0013 8000' }, 'INVALID_INPUT')
    expect(await checks()).toBe(before)
    // The content check leaves its trace in the local outbox; the profile and the user are unchanged.
    expect(await code('volunteer', 'demo-volunteer', 'profile.update', { name: '赌博陈' })).toBe('CONTENT_RISKY')
    expect(await code('account', 'demo-resident', 'profile.update', { nickname: '网络赌博' })).toBe('CONTENT_RISKY')
    expect(await checks()).toBe(before + 2)
    expect(((await db().collection(C.volunteerProfiles).doc('demo-volunteer').get()).data as unknown as { name: string }).name).toBe('陈晓')
    expect(((await db().collection(C.users).doc('demo-resident').get()).data as unknown as { nickname: string }).nickname).not.toContain('赌博')
    await ok('volunteer', 'demo-volunteer', 'profile.update', { name: '陈晓光' })
  })

  it('a fulfilment photo must be a stored image of at most 2 MB, whatever the uploader said', async () => {
    const folder = 'household/ltsc-1-1-601/'
    const store = async (name: string, bytes: Buffer) => upload(`${folder}${name}`, bytes)
    const add = (photo: string) => ({ householdId: 'ltsc-1-1-601', day: TODAY, note: '帮邻居取了快递', photos: [photo] })
    const page = await store('mir2k3-000000000001.jpg', Buffer.from('<html><script>alert(1)</script></html>'))
    await refused('household', 'demo-party', 'fulfilment.add', add(page), 'INVALID_INPUT')
    const huge = Buffer.alloc(PHOTO_MAX_BYTES + 1)
    huge.set([0xff, 0xd8, 0xff, 0xe0])
    await refused('household', 'demo-party', 'fulfilment.add', add(await store('mir2k3-000000000002.jpg', huge)), 'INVALID_INPUT')
    await refused('household', 'demo-party', 'fulfilment.add', add(`cloud://local/${folder}mir2k3-000000000003.jpg`), 'INVALID_INPUT')
    await ok('household', 'demo-party', 'fulfilment.add', add(await store('mir2k3-000000000004.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))))
  })

  it('a leader’s resident list and an admin’s user search are on the record, page by page', async () => {
    await ok('admin', 'demo-leader', 'residents.list', { buildingId: 'ltsc-1' })
    expect(await auditCount({ action: 'residents.list.read', actor: 'demo-leader', target: 'ltsc-1' })).toBe(1)
    await ok('admin', 'demo-admin', 'users.search', { by: 'nickname', text: '王' })
    await ok('admin', 'demo-admin', 'users.search', { by: 'room', buildingId: 'ltsc-1', room: '601' })
    expect(await auditCount({ action: 'users.search.read', actor: 'demo-admin' })).toBe(2)
  })
})
