import { createHmac } from 'node:crypto'
import { POLICY_VERSIONS } from '../../cloud/contracts/model'
import { VOLUNTEER_TEMPLATES, type Certificate, type CheckinCode, type LeadOverview, type Membership, type MyHours, type Roster, type RosterRow, type ShiftDetail, type ShiftSummary, type TeamDetail } from '../../cloud/contracts/volunteer'
import { addDays, chinaDay, fromChina } from '../../cloud/domain/time'
import { codeWindow, truncateToCode } from '../../cloud/domain/volunteer'
import { C } from '../../cloud/lib/collections'
import { acceptMessages, code, db, freshCommunity, intercept, invoke, ok, outbox as sentToWeChat, snapshot } from './harness'

/** Only Date is faked, so promises and the database run as usual; the harness stops the functions' clock at the test's. */
const T0 = new Date('2026-11-27T02:00:00Z') // Friday 10:00 in Shanghai
const TODAY = chinaDay(T0)
const MIN = 60_000

function setClock(at: Date | number) {
  jest.setSystemTime(new Date(at))
}

beforeAll(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance'] })
})
afterAll(() => {
  jest.useRealTimers()
})
beforeEach(async () => {
  setClock(T0)
  await freshCommunity(T0)
})

/** A verified resident with the app consent, written straight into the database (quick for crowds). */
async function resident(openid: string, room = 1) {
  const entry = { granted: true, version: POLICY_VERSIONS.app, at: T0 }
  await db().collection(C.users).add({ data: { _id: openid, nickname: openid, avatarUrl: '', locale: null, elderMode: false, createdAt: T0 } })
  await db().collection(C.consents).add({ data: { _id: `${openid}:app`, openid, purpose: 'app', ...entry, history: [entry] } })
  await db().collection(C.residencies).add({ data: { _id: `${openid}:bsw-2-1-${room}`, openid, householdId: `bsw-2-1-${room}`, buildingId: 'bsw-2', areaId: 'bsw', status: 'verified', via: 'seed', requestedAt: T0 } })
}

interface ShiftInput {
  teamId?: string
  day?: string
  start?: string
  end?: string
  capacity?: number
  weeks?: number
  requirements?: Partial<{ language: 'en' | 'ko' | 'ja' | null; training: 'patrol' | 'first_aid' | null; insurance: boolean; ageHealth: boolean }>
  cancelHours?: number
  title?: string
}

async function createShift(by: string, input: ShiftInput = {}): Promise<ShiftSummary> {
  const shifts = await ok<ShiftSummary[]>('volunteer', by, 'shift.create', {
    teamId: input.teamId ?? 'caring',
    title: input.title ?? '探望独居老人',
    place: '朗庭3号楼',
    day: input.day ?? addDays(TODAY, 2),
    start: input.start ?? '09:00',
    end: input.end ?? '11:00',
    capacity: input.capacity ?? 5,
    requirements: { language: null, training: null, insurance: false, ageHealth: false, ...input.requirements },
    weeks: input.weeks ?? 1,
    cancelHours: input.cancelHours ?? 24,
  })
  return shifts[0]
}

async function currentCode(shiftId: string, at = Date.now()): Promise<string> {
  const { data } = await db().collection(C.volunteerSecrets).where({ _id: 'checkin' }).get()
  const key = Buffer.from((data[0] as unknown as { key: string }).key, 'hex')
  return truncateToCode(createHmac('sha256', key).update(`${shiftId}:${codeWindow(at)}`).digest())
}

/** Subscribe messages the functions sent, as the local CloudBase server's WeChat stand-in received them. */
function outbox() {
  return sentToWeChat()
    .filter((item) => item.kind === 'subscribeMessage')
    .map((item) => item.payload as { touser: string; templateId: string; page: string; lang: string; data: Record<string, { value: string }> })
}

async function shiftDoc(id: string) {
  const { data } = await db().collection(C.shifts).where({ _id: id }).get()
  return data[0] as unknown as { taken: number; waitlist: string[]; requirements: { insurance: boolean } }
}

describe('teams: join, approve, leave', () => {
  it('a resident asks to join, the team leader approves, the member can leave', async () => {
    const before = (await ok<TeamDetail>('volunteer', 'demo-resident', 'team.view', { teamId: 'caring' })).team.memberCount
    const asked = await ok<Membership>('volunteer', 'demo-resident', 'team.join', { teamId: 'caring' })
    expect(asked.status).toBe('pending')
    const requests = await ok<{ volunteerId: string; name: string }[]>('volunteer', 'demo-lead-caring', 'team.requests', { teamId: 'caring' })
    expect(requests).toEqual([expect.objectContaining({ volunteerId: 'demo-resident', name: '李阿姨' })])

    expect(await code('volunteer', 'demo-volunteer', 'team.decide', { teamId: 'caring', volunteerId: 'demo-resident', approve: true })).toBe('FORBIDDEN')
    expect(await code('volunteer', 'demo-teamlead', 'team.decide', { teamId: 'caring', volunteerId: 'demo-resident', approve: true })).toBe('FORBIDDEN')
    await ok('volunteer', 'demo-lead-caring', 'team.decide', { teamId: 'caring', volunteerId: 'demo-resident', approve: true })
    expect(await code('volunteer', 'demo-lead-caring', 'team.decide', { teamId: 'caring', volunteerId: 'demo-resident', approve: false })).toBe('CONFLICT')

    const view = await ok<TeamDetail>('volunteer', 'demo-resident', 'team.view', { teamId: 'caring' })
    expect(view.mine?.status).toBe('member')
    expect(view.team.memberCount).toBe(before + 1)
    expect(view.canManage).toBe(false)

    await ok('volunteer', 'demo-resident', 'team.leave', { teamId: 'caring' })
    expect(await code('volunteer', 'demo-resident', 'team.leave', { teamId: 'caring' })).toBe('NOT_FOUND')
    expect((await ok<TeamDetail>('volunteer', 'demo-resident', 'team.view', { teamId: 'caring' })).team.memberCount).toBe(before)
  })

  it('joining needs consent and a verified home', async () => {
    expect(await code('volunteer', 'demo-newcomer', 'team.join', { teamId: 'caring' })).toBe('CONSENT_REQUIRED')
    await ok('account', 'test-homeless', 'consent.grant', { purpose: 'app', version: POLICY_VERSIONS.app })
    expect(await code('volunteer', 'test-homeless', 'team.join', { teamId: 'caring' })).toBe('NOT_RESIDENT')
  })

  it('the leader records insurance and trainings, audited', async () => {
    await ok('volunteer', 'demo-resident', 'team.join', { teamId: 'night-walk' })
    await ok('volunteer', 'demo-teamlead', 'team.decide', { teamId: 'night-walk', volunteerId: 'demo-resident', approve: true })
    const row = await ok<{ insuredUntil: string; trainings: string[] }>('volunteer', 'demo-teamlead', 'member.qualify', { teamId: 'night-walk', volunteerId: 'demo-resident', insuredUntil: addDays(TODAY, 30), trainings: ['patrol'] })
    expect(row).toMatchObject({ insuredUntil: addDays(TODAY, 30), trainings: ['patrol'] })
    expect(await code('volunteer', 'demo-lead-caring', 'member.qualify', { teamId: 'night-walk', volunteerId: 'demo-resident', insuredUntil: null, trainings: [] })).toBe('FORBIDDEN')
    const { data } = await db().collection(C.audit).where({ action: 'member.qualify' }).get()
    expect(data).toHaveLength(1)
  })
})

describe('shifts: creating them', () => {
  it('a leader creates a weekly series; the risky team’s shifts always need insurance; it is audited', async () => {
    const shifts = await ok<ShiftSummary[]>('volunteer', 'demo-teamlead', 'shift.create', {
      teamId: 'night-walk', title: '夜间巡逻', place: '朗庭小区', day: addDays(TODAY, 1), start: '19:00', end: '21:30', capacity: 6,
      requirements: { language: null, training: null, insurance: false, ageHealth: true }, weeks: 4,
    })
    expect(shifts).toHaveLength(4)
    expect(new Set(shifts.map((s) => s.seriesId)).size).toBe(1)
    expect(shifts.map((s) => chinaDay(new Date(s.startAt)))).toEqual([1, 8, 15, 22].map((d) => addDays(TODAY, d)))
    expect(shifts.every((s) => s.requirements.insurance)).toBe(true)
    const { data } = await db().collection(C.audit).where({ action: 'shift.create' }).get()
    expect(data).toHaveLength(1)
  })

  it('refuses the past, a too-long shift and risky text', async () => {
    expect(await code('volunteer', 'demo-lead-caring', 'shift.create', { teamId: 'caring', title: 'x', place: 'y', day: TODAY, start: '08:00', end: '09:00', capacity: 2, requirements: { language: null, training: null, insurance: false, ageHealth: false } })).toBe('INVALID_INPUT')
    expect(await code('volunteer', 'demo-lead-caring', 'shift.create', { teamId: 'caring', title: 'x', place: 'y', day: addDays(TODAY, 1), start: '06:00', end: '20:00', capacity: 2, requirements: { language: null, training: null, insurance: false, ageHealth: false } })).toBe('INVALID_INPUT')
    expect(await code('volunteer', 'demo-lead-caring', 'shift.create', { teamId: 'caring', title: '赌博活动', place: 'y', day: addDays(TODAY, 1), start: '08:00', end: '09:00', capacity: 2, requirements: { language: null, training: null, insurance: false, ageHealth: false } })).toBe('CONTENT_RISKY')
  })
})

describe('sign-up: places, waitlist, requirements, deadline', () => {
  it('fills places, then the waitlist; a cancellation promotes the first waiting', async () => {
    const shift = await createShift('demo-lead-caring', { capacity: 2 })
    for (const who of ['v1', 'v2', 'v3', 'v4']) await resident(who)
    const statuses = []
    for (const who of ['v1', 'v2', 'v3', 'v4']) statuses.push((await ok<ShiftDetail>('volunteer', who, 'signup.create', { shiftId: shift.id })).mine)
    expect(statuses.map((s) => s?.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted'])
    expect(statuses.map((s) => s?.waitPosition)).toEqual([null, null, 1, 2])
    // A second tap changes nothing.
    expect((await ok<ShiftDetail>('volunteer', 'v1', 'signup.create', { shiftId: shift.id })).mine?.status).toBe('confirmed')

    await ok('volunteer', 'v1', 'signup.cancel', { shiftId: shift.id })
    const v3 = await ok<ShiftDetail>('volunteer', 'v3', 'shift.view', { shiftId: shift.id })
    expect(v3.mine?.status).toBe('confirmed')
    expect((await ok<ShiftDetail>('volunteer', 'v4', 'shift.view', { shiftId: shift.id })).mine?.waitPosition).toBe(1)
    expect(await shiftDoc(shift.id)).toMatchObject({ taken: 2, waitlist: ['v4'] })
  })

  it('the person promoted from the waitlist is told once, if they allowed it; a failed message undoes nothing', async () => {
    const shift = await createShift('demo-lead-caring', { capacity: 2, title: '为独居老人上门送餐并陪同聊天一小时左右的探望服务' })
    for (const who of ['v1', 'v2', 'v3', 'v4', 'v5']) await resident(who)
    await db().collection(C.users).doc('v3').update({ data: { locale: 'ko' } })
    await ok('volunteer', 'v1', 'signup.create', { shiftId: shift.id })
    await ok('volunteer', 'v2', 'signup.create', { shiftId: shift.id })
    // v3 tapped 允许 on the sign-up (the shift page asks WeChat first); v5's app said yes, but WeChat holds no
    // acceptance of v5's (switched off in 设置 since): WeChat will refuse v5's message.
    acceptMessages('v3', [VOLUNTEER_TEMPLATES.promotion])
    await ok('volunteer', 'v3', 'signup.create', { shiftId: shift.id, subscribe: true })
    await ok('volunteer', 'v4', 'signup.create', { shiftId: shift.id })
    await ok('volunteer', 'v5', 'signup.create', { shiftId: shift.id, subscribe: true })
    const sent = outbox().length

    await ok('volunteer', 'v1', 'signup.cancel', { shiftId: shift.id })
    expect((await ok<ShiftDetail>('volunteer', 'v3', 'shift.view', { shiftId: shift.id })).mine?.status).toBe('confirmed')
    const notices = outbox().slice(sent)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ touser: 'v3', templateId: 'TEMPLATE_ID_VOLUNTEER_WAITLIST_PROMOTED', page: `packages/volunteer/shift/index?id=${shift.id}`, lang: 'en_US' })
    const start = new Date(shift.startAt)
    expect(notices[0].data).toMatchObject({ time2: { value: `${chinaDay(start)} 09:00` }, phrase3: { value: '候补成功' }, thing4: { value: '朗庭3号楼' } })
    expect(notices[0].data.thing1.value).toMatch(/^为独居老人.*…$/)
    for (const [key, { value }] of Object.entries(notices[0].data)) if (key.startsWith('thing')) expect([...value].length).toBeLessThanOrEqual(20)

    // v4 did not allow it: promoted all the same, told nothing.
    await ok('volunteer', 'v2', 'signup.cancel', { shiftId: shift.id })
    expect((await ok<ShiftDetail>('volunteer', 'v4', 'shift.view', { shiftId: shift.id })).mine?.status).toBe('confirmed')
    expect(outbox()).toHaveLength(sent + 1)

    // WeChat refuses v5's message (43101, no acceptance): the cancellation and the promotion stand.
    const sends: unknown[] = []
    intercept(({ apiName, params }) => {
      if (apiName === 'subscribeMessage.send') sends.push(params)
      return undefined
    })
    await ok('volunteer', 'v3', 'signup.cancel', { shiftId: shift.id })
    intercept(null)
    expect(sends).toEqual([expect.objectContaining({ touser: 'v5', template_id: 'TEMPLATE_ID_VOLUNTEER_WAITLIST_PROMOTED' })])
    expect((await ok<ShiftDetail>('volunteer', 'v5', 'shift.view', { shiftId: shift.id })).mine?.status).toBe('confirmed')
    expect(await shiftDoc(shift.id)).toMatchObject({ taken: 2, waitlist: [] })
    expect(outbox()).toHaveLength(sent + 1)
  })

  it('a place freed by account deletion goes to the first waiting, who is told as well', async () => {
    const shift = await createShift('demo-lead-caring', { capacity: 1 })
    for (const who of ['v1', 'v2']) await resident(who)
    await ok('volunteer', 'v1', 'signup.create', { shiftId: shift.id })
    acceptMessages('v2', [VOLUNTEER_TEMPLATES.promotion])
    await ok('volunteer', 'v2', 'signup.create', { shiftId: shift.id, subscribe: true })
    const sent = outbox().length
    const deleted = await ok<Record<string, unknown>>('account', 'v1', 'account.delete', { confirm: 'DELETE' })
    // The answer names nobody else.
    expect(JSON.stringify(deleted)).not.toContain('v2')
    expect((await ok<ShiftDetail>('volunteer', 'v2', 'shift.view', { shiftId: shift.id })).mine?.status).toBe('confirmed')
    expect(outbox().slice(sent)).toEqual([expect.objectContaining({ touser: 'v2', templateId: 'TEMPLATE_ID_VOLUNTEER_WAITLIST_PROMOTED', lang: 'zh_CN' })])
  })

  it('cancelling a place after the deadline is refused with a clear reason; leaving the waitlist is not', async () => {
    const shift = await createShift('demo-lead-caring', { capacity: 1, cancelHours: 24 })
    await resident('v1')
    await resident('v2')
    await ok('volunteer', 'v1', 'signup.create', { shiftId: shift.id })
    await ok('volunteer', 'v2', 'signup.create', { shiftId: shift.id })
    setClock(new Date(shift.cancelBefore).getTime() + MIN)
    const result = await invoke('volunteer', 'v1', 'signup.cancel', { shiftId: shift.id })
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'deadline' } })
    if (!result.ok) expect(result.error.message).toMatch(/取消截止时间/)
    expect((await ok<ShiftDetail>('volunteer', 'v1', 'shift.view', { shiftId: shift.id })).cancelRefusal).toBe('deadline')
    await ok('volunteer', 'v2', 'signup.cancel', { shiftId: shift.id })
  })

  it('refuses an overlapping shift, and says which rule refused', async () => {
    const a = await createShift('demo-lead-caring', { start: '09:00', end: '11:00' })
    const b = await createShift('demo-lead-clean-up', { teamId: 'clean-up', start: '10:30', end: '12:00' })
    const c = await createShift('demo-lead-clean-up', { teamId: 'clean-up', start: '11:00', end: '12:00' })
    await resident('v1')
    await ok('volunteer', 'v1', 'signup.create', { shiftId: a.id })
    expect(await invoke('volunteer', 'v1', 'signup.create', { shiftId: b.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'overlap' } })
    expect((await ok<ShiftDetail>('volunteer', 'v1', 'shift.view', { shiftId: b.id })).refusals).toEqual(['overlap'])
    await ok('volunteer', 'v1', 'signup.create', { shiftId: c.id })
    // Cancelling frees the time again.
    await ok('volunteer', 'v1', 'signup.cancel', { shiftId: a.id })
    await ok('volunteer', 'v1', 'signup.create', { shiftId: a.id })
  })

  it('checks insurance, training, language and age/health confirmations', async () => {
    const night = await createShift('demo-teamlead', { teamId: 'night-walk', start: '19:00', end: '21:30', requirements: { ageHealth: true, training: 'patrol' } })
    expect(await invoke('volunteer', 'demo-resident', 'signup.create', { shiftId: night.id, confirmAgeHealth: true })).toMatchObject({ ok: false, error: { field: 'training' } })
    expect(await invoke('volunteer', 'demo-volunteer', 'signup.create', { shiftId: night.id })).toMatchObject({ ok: false, error: { field: 'age_health' } })
    expect((await ok<ShiftDetail>('volunteer', 'demo-volunteer', 'signup.create', { shiftId: night.id, confirmAgeHealth: true })).mine?.status).toBe('confirmed')

    const insured = await createShift('demo-teamlead', { teamId: 'night-walk', day: addDays(TODAY, 3), start: '19:00', end: '21:30' })
    await ok('volunteer', 'demo-resident', 'team.join', { teamId: 'night-walk' })
    await ok('volunteer', 'demo-teamlead', 'team.decide', { teamId: 'night-walk', volunteerId: 'demo-resident', approve: true })
    expect(await invoke('volunteer', 'demo-resident', 'signup.create', { shiftId: insured.id })).toMatchObject({ ok: false, error: { field: 'insurance' } })
    await ok('volunteer', 'demo-teamlead', 'member.qualify', { teamId: 'night-walk', volunteerId: 'demo-resident', insuredUntil: addDays(TODAY, 60), trainings: [] })
    await ok('volunteer', 'demo-resident', 'signup.create', { shiftId: insured.id })

    const korean = await createShift('demo-lead-languages', { teamId: 'languages', requirements: { language: 'ko' } })
    expect(await invoke('volunteer', 'demo-resident', 'signup.create', { shiftId: korean.id })).toMatchObject({ ok: false, error: { field: 'language' } })
    await ok('volunteer', 'demo-korean', 'signup.create', { shiftId: korean.id })
    // Ticking "I speak Korean" records it on the profile and signs up.
    const detail = await ok<ShiftDetail>('volunteer', 'demo-resident', 'signup.create', { shiftId: korean.id, confirmLanguage: true })
    expect(detail.myLanguages).toContain('ko')
  })

  it('needs a verified home: a visitor from a share card sees the shift but is asked to bind first', async () => {
    const shift = await createShift('demo-lead-caring')
    const view = await ok<ShiftDetail>('volunteer', 'demo-newcomer', 'shift.view', { shiftId: shift.id })
    expect(view.verifiedResident).toBe(false)
    expect(await code('volunteer', 'demo-newcomer', 'signup.create', { shiftId: shift.id })).toBe('CONSENT_REQUIRED')
  })
})

describe('concurrency', () => {
  it('100 simultaneous sign-ups for 10 places give exactly 10 places and a waitlist of 90', async () => {
    const shift = await createShift('demo-lead-caring', { capacity: 10 })
    const people = Array.from({ length: 100 }, (_, i) => `crowd-${i}`)
    for (const [i, who] of people.entries()) await resident(who, i)
    const results = await Promise.all(people.map((who) => invoke<ShiftDetail>('volunteer', who, 'signup.create', { shiftId: shift.id })))
    expect(results.filter((r) => !r.ok)).toEqual([])
    const statuses = results.map((r) => (r.ok ? r.data.mine?.status : null))
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10)
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(90)
    const doc = await shiftDoc(shift.id)
    expect(doc.taken).toBe(10)
    expect(new Set(doc.waitlist).size).toBe(90)
    const { total } = await db().collection(C.signups).where({ shiftId: shift.id, status: 'confirmed' }).count()
    expect(total).toBe(10)

    // Five simultaneous cancellations: five promotions, still exactly 10.
    const confirmed = people.filter((_, i) => statuses[i] === 'confirmed').slice(0, 5)
    await Promise.all(confirmed.map((who) => ok('volunteer', who, 'signup.cancel', { shiftId: shift.id })))
    expect((await db().collection(C.signups).where({ shiftId: shift.id, status: 'confirmed' }).count()).total).toBe(10)
    expect(await shiftDoc(shift.id)).toMatchObject({ taken: 10 })
    expect((await shiftDoc(shift.id)).waitlist).toHaveLength(85)
  }, 60_000) // real concurrent transactions through the instance pool: seconds, not milliseconds

  it('one volunteer’s simultaneous sign-ups for overlapping shifts give at most one', async () => {
    await resident('racer')
    const shifts = []
    for (const [index, teamId] of ['caring', 'clean-up', 'patrol', 'red-vest', 'languages'].entries()) {
      shifts.push(await createShift(teamId === 'caring' ? 'demo-lead-caring' : `demo-lead-${teamId}`, { teamId, start: `09:${String(index * 10).padStart(2, '0')}`, end: '11:00' }))
    }
    const results = await Promise.all(shifts.map((shift) => invoke('volunteer', 'racer', 'signup.create', { shiftId: shift.id })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.error.field === 'overlap')).toHaveLength(4)
    const { total } = await db().collection(C.signups).where({ openid: 'racer', status: 'confirmed' }).count()
    expect(total).toBe(1)
  })
})

describe('check-in and out, hours and confirmation', () => {
  async function signedUp() {
    const shift = await createShift('demo-lead-caring', { day: TODAY, start: '14:00', end: '16:00' })
    await ok('volunteer', 'demo-volunteer', 'signup.create', { shiftId: shift.id })
    return shift
  }

  it('checks in and out with the rotating code; hours follow the rule; the leader confirms; all audited', async () => {
    const shift = await signedUp()
    expect(await code('volunteer', 'demo-lead-caring', 'checkin.code', { shiftId: shift.id })).toBe('CONFLICT')
    const start = new Date(shift.startAt).getTime()
    setClock(start - 10 * MIN)
    const shown = await ok<CheckinCode>('volunteer', 'demo-lead-caring', 'checkin.code', { shiftId: shift.id })
    expect(shown.code).toMatch(/^\d{6}$/)
    expect(shown.payload).toBe(`linliting:checkin:${shift.id}:${shown.code}`)
    expect(await code('volunteer', 'demo-volunteer', 'checkin.code', { shiftId: shift.id })).toBe('FORBIDDEN')

    const wrong = shown.code === '000000' ? '111111' : '000000'
    expect(await code('volunteer', 'demo-volunteer', 'checkin.byCode', { shiftId: shift.id, code: wrong, mode: 'in' })).toBe('CODE_INVALID')
    // Someone without a place cannot use the code.
    expect(await code('volunteer', 'demo-resident', 'checkin.byCode', { shiftId: shift.id, code: shown.code, mode: 'in' })).toBe('CONFLICT')
    let detail = await ok<ShiftDetail>('volunteer', 'demo-volunteer', 'checkin.byCode', { shiftId: shift.id, code: shown.code, mode: 'in' })
    expect(detail.mine?.checkInAt).toBe(new Date(start - 10 * MIN).toISOString())
    expect(await code('volunteer', 'demo-volunteer', 'signup.cancel', { shiftId: shift.id })).toBe('CONFLICT')

    // 84 minutes later: 84 minutes on site count as 75 (five full quarters).
    setClock(start + 74 * MIN)
    detail = await ok<ShiftDetail>('volunteer', 'demo-volunteer', 'checkin.byCode', { shiftId: shift.id, code: await currentCode(shift.id), mode: 'out' })
    expect(detail.mine).toMatchObject({ minutes: 75, hours: 'recorded' })

    let hours = await ok<MyHours>('volunteer', 'demo-volunteer', 'my.hours')
    expect(hours.history[0]).toMatchObject({ shiftId: shift.id, minutes: 75, status: 'recorded' })
    const confirmedBefore = hours.confirmedMinutes
    expect(await code('volunteer', 'demo-volunteer', 'hours.confirm', { shiftId: shift.id })).toBe('FORBIDDEN')
    expect(await code('volunteer', 'demo-teamlead', 'hours.confirm', { shiftId: shift.id })).toBe('FORBIDDEN')
    expect(await ok('volunteer', 'demo-lead-caring', 'hours.confirm', { shiftId: shift.id })).toEqual({ confirmed: 1 })
    hours = await ok<MyHours>('volunteer', 'demo-volunteer', 'my.hours')
    expect(hours.confirmedMinutes).toBe(confirmedBefore + 75)
    expect(hours.perTeam.find((t) => t.teamId === 'caring')?.minutes).toBe(375 + 75)

    const audits = (await db().collection(C.audit).where({ target: `${shift.id}:demo-volunteer` }).get()).data.map((a) => (a as unknown as { action: string }).action)
    expect(audits).toEqual(expect.arrayContaining(['hours.record', 'hours.confirm']))
  })

  it('accepts the code of the minute before, not older ones, and stops after ten wrong codes', async () => {
    const shift = await signedUp()
    const start = new Date(shift.startAt).getTime()
    setClock(start)
    await ok('volunteer', 'demo-lead-caring', 'checkin.code', { shiftId: shift.id })
    const old = await currentCode(shift.id, start - 2 * 60_000)
    const previous = await currentCode(shift.id, start - 60_000)
    if (old !== previous) expect(await code('volunteer', 'demo-volunteer', 'checkin.byCode', { shiftId: shift.id, code: old, mode: 'in' })).toBe('CODE_INVALID')
    await ok('volunteer', 'demo-volunteer', 'checkin.byCode', { shiftId: shift.id, code: previous, mode: 'in' })

    const current = await currentCode(shift.id)
    for (let i = 0; i < 10; i++) {
      const guess = String((Number(current) + 1 + i) % 1_000_000).padStart(6, '0')
      await invoke('volunteer', 'demo-volunteer', 'checkin.byCode', { shiftId: shift.id, code: guess, mode: 'out' })
    }
    expect(await code('volunteer', 'demo-volunteer', 'checkin.byCode', { shiftId: shift.id, code: current, mode: 'out' })).toBe('RATE_LIMITED')
  })

  it('the leader checks people in and out from the roster; the roster flags understaffing', async () => {
    const shift = await signedUp()
    const start = new Date(shift.startAt).getTime()
    setClock(start - 5 * MIN)
    expect(await code('volunteer', 'demo-volunteer', 'roster.view', { shiftId: shift.id })).toBe('FORBIDDEN')
    expect(await code('volunteer', 'demo-teamlead', 'roster.mark', { shiftId: shift.id, volunteerId: 'demo-volunteer', mode: 'in' })).toBe('FORBIDDEN')
    let roster = await ok<Roster>('volunteer', 'demo-lead-caring', 'roster.view', { shiftId: shift.id })
    expect(roster.shift.staffing).toBe('short_soon')
    expect(roster.rows).toEqual([expect.objectContaining({ volunteerId: 'demo-volunteer', name: '陈晓', signup: 'confirmed', checkInAt: null })])
    await ok('volunteer', 'demo-lead-caring', 'roster.mark', { shiftId: shift.id, volunteerId: 'demo-volunteer', mode: 'in' })
    setClock(start + 200 * MIN)
    const row = await ok<RosterRow>('volunteer', 'demo-lead-caring', 'roster.mark', { shiftId: shift.id, volunteerId: 'demo-volunteer', mode: 'out' })
    // Stayed 205 minutes; the shift is 120: no more than its length is credited.
    expect(row).toMatchObject({ minutes: 120, hours: 'recorded', source: 'attendance' })
    roster = await ok<Roster>('volunteer', 'demo-lead-caring', 'roster.view', { shiftId: shift.id })
    expect(roster.lengthMinutes).toBe(120)
    const overview = await ok<LeadOverview>('volunteer', 'demo-lead-caring', 'lead.overview')
    expect(overview.teams.map((t) => t.team.id)).toEqual(['caring'])
    expect(overview.teams[0].awaitingConfirmation).toBe(1)
    expect(await code('volunteer', 'demo-volunteer', 'lead.overview')).toBe('FORBIDDEN')
  })

  it('checking someone in again from the roster (a retry after a lost answer, a double tap) keeps the first time', async () => {
    const shift = await signedUp()
    const start = new Date(shift.startAt).getTime()
    setClock(start - 5 * MIN)
    const input = { shiftId: shift.id, volunteerId: 'demo-volunteer', mode: 'in' }
    const audited = async () => (await db().collection(C.audit).where({ action: 'roster.checkin' }).count()).total
    const first = await invoke<RosterRow & { already?: boolean }>('volunteer', 'demo-lead-caring', 'roster.mark', input, { requestId: 'mark-in-retry-1' })
    expect(first).toMatchObject({ ok: true, data: { volunteerId: 'demo-volunteer', already: false } })
    const checkInAt = first.ok ? first.data.checkInAt : null
    expect(checkInAt).toBe(new Date(start - 5 * MIN).toISOString())

    // The answer was lost; the phone sends the same request two minutes later, then the leader taps once more.
    setClock(start - 3 * MIN)
    const before = await snapshot()
    const retry = await invoke<RosterRow & { already?: boolean }>('volunteer', 'demo-lead-caring', 'roster.mark', input, { requestId: 'mark-in-retry-1' })
    expect(retry).toMatchObject({ ok: true, data: { volunteerId: 'demo-volunteer', checkInAt, checkOutAt: null, already: true } })
    expect(await ok('volunteer', 'demo-lead-caring', 'roster.mark', input)).toMatchObject({ checkInAt, already: true })
    expect(await snapshot()).toBe(before)
    expect(await audited()).toBe(1)

    // Several at once: all answered, one check-in written.
    await db().collection(C.signups).doc(`${shift.id}:demo-volunteer`).update({ data: { checkInAt: null, checkInBy: null } })
    const answers = await Promise.all([1, 2, 3].map(() => ok<RosterRow & { already?: boolean }>('volunteer', 'demo-lead-caring', 'roster.mark', input)))
    expect(answers.filter((row) => !row.already)).toHaveLength(1)
    expect(new Set(answers.map((row) => row.checkInAt)).size).toBe(1)
    expect(await audited()).toBe(2)

    // Someone without a place is not "already" anything.
    expect(await code('volunteer', 'demo-lead-caring', 'roster.mark', { ...input, volunteerId: 'demo-resident' })).toBe('NOT_FOUND')
  })

  it('checking someone out again (a retry after a lost answer, a double tap) keeps the first time and its hours', async () => {
    const shift = await signedUp()
    await resident('v1')
    await ok('volunteer', 'v1', 'signup.create', { shiftId: shift.id })
    const start = new Date(shift.startAt).getTime()
    setClock(start - 5 * MIN)
    await ok('volunteer', 'demo-lead-caring', 'roster.mark', { shiftId: shift.id, volunteerId: 'demo-volunteer', mode: 'in' })
    await ok('volunteer', 'demo-lead-caring', 'roster.mark', { shiftId: shift.id, volunteerId: 'v1', mode: 'in' })
    const audited = async (action: string, volunteerId: string) => (await db().collection(C.audit).where({ action, target: `${shift.id}:${volunteerId}` }).count()).total

    // From the roster.
    setClock(start + 100 * MIN)
    const input = { shiftId: shift.id, volunteerId: 'demo-volunteer', mode: 'out' }
    const first = await invoke<RosterRow & { already?: boolean }>('volunteer', 'demo-lead-caring', 'roster.mark', input, { requestId: 'mark-out-retry-1' })
    expect(first).toMatchObject({ ok: true, data: { minutes: 105, hours: 'recorded', already: false } })
    const checkOutAt = first.ok ? first.data.checkOutAt : null
    expect(checkOutAt).toBe(new Date(start + 100 * MIN).toISOString())
    setClock(start + 103 * MIN)
    let before = await snapshot()
    const retry = await invoke<RosterRow & { already?: boolean }>('volunteer', 'demo-lead-caring', 'roster.mark', input, { requestId: 'mark-out-retry-1' })
    expect(retry).toMatchObject({ ok: true, data: { volunteerId: 'demo-volunteer', checkOutAt, minutes: 105, hours: 'recorded', already: true } })
    expect(await snapshot()).toBe(before)
    expect([await audited('roster.checkout', 'demo-volunteer'), await audited('hours.record', 'demo-volunteer')]).toEqual([1, 1])
    // Confirmed since: still the same answer, not a refusal.
    await ok('volunteer', 'demo-lead-caring', 'hours.confirm', { shiftId: shift.id })
    expect(await ok('volunteer', 'demo-lead-caring', 'roster.mark', input)).toMatchObject({ checkOutAt, minutes: 105, hours: 'confirmed', already: true })

    // With the volunteer's own code: the retry comes three minutes later, when that code is no longer accepted.
    setClock(start + 110 * MIN)
    const code = await (async () => (await ok<CheckinCode>('volunteer', 'demo-lead-caring', 'checkin.code', { shiftId: shift.id })).code)()
    const byCode = { shiftId: shift.id, code, mode: 'out' }
    const mine = (await ok<ShiftDetail>('volunteer', 'v1', 'checkin.byCode', byCode)).mine
    expect(mine).toMatchObject({ checkOutAt: new Date(start + 110 * MIN).toISOString(), minutes: 105, hours: 'recorded' })
    setClock(start + 113 * MIN)
    before = await snapshot()
    expect((await ok<ShiftDetail>('volunteer', 'v1', 'checkin.byCode', byCode)).mine).toEqual(mine)
    expect(await snapshot()).toBe(before)
    expect(await audited('hours.record', 'v1')).toBe(1)

    // Several at once: all answered, one check-out and one hours record written.
    for (const who of ['demo-volunteer', 'v1']) await db().collection(C.signups).doc(`${shift.id}:${who}`).update({ data: { checkOutAt: null, checkOutBy: null } })
    await db().collection(C.volunteerHours).doc(`${shift.id}:v1`).remove()
    await db().collection(C.volunteerHours).doc(`${shift.id}:demo-volunteer`).update({ data: { status: 'recorded' } })
    const fresh = await currentCode(shift.id)
    const answers = await Promise.all([1, 2, 3].map(() => ok<RosterRow & { already?: boolean }>('volunteer', 'demo-lead-caring', 'roster.mark', input)))
    expect(answers.filter((row) => !row.already)).toHaveLength(1)
    expect(new Set(answers.map((row) => row.checkOutAt)).size).toBe(1)
    expect(await audited('roster.checkout', 'demo-volunteer')).toBe(2)
    const mineNow = await Promise.all([1, 2, 3].map(() => ok<ShiftDetail>('volunteer', 'v1', 'checkin.byCode', { ...byCode, code: fresh })))
    expect(new Set(mineNow.map((d) => d.mine?.checkOutAt)).size).toBe(1)
    expect(await audited('hours.record', 'v1')).toBe(2)
  })

  it('补录 only by the team’s leader or an admin, capped at the shift length, with its reason in the audit', async () => {
    const shift = await signedUp()
    const input = { shiftId: shift.id, volunteerId: 'demo-volunteer', minutes: 90, reason: '忘记签到，队长现场确认' }
    expect(await code('volunteer', 'demo-lead-caring', 'hours.manual', input)).toBe('CONFLICT') // not started yet
    setClock(new Date(shift.endAt).getTime() + 60 * MIN)
    expect(await code('volunteer', 'demo-volunteer', 'hours.manual', input)).toBe('FORBIDDEN')
    expect(await code('volunteer', 'demo-teamlead', 'hours.manual', input)).toBe('FORBIDDEN')
    expect(await code('volunteer', 'demo-lead-caring', 'hours.manual', { ...input, minutes: 135 })).toBe('INVALID_INPUT')
    expect(await code('volunteer', 'demo-lead-caring', 'hours.manual', { ...input, minutes: 50 })).toBe('INVALID_INPUT')
    expect(await code('volunteer', 'demo-lead-caring', 'hours.manual', { ...input, volunteerId: 'demo-korean' })).toBe('NOT_FOUND')
    const row = await ok<RosterRow>('volunteer', 'demo-lead-caring', 'hours.manual', input)
    expect(row).toMatchObject({ minutes: 90, hours: 'confirmed', source: 'manual' })
    await ok('volunteer', 'demo-admin', 'hours.manual', { ...input, minutes: 120, reason: '核对签到表后更正' })
    const { data } = await db().collection(C.audit).where({ action: 'hours.manual' }).orderBy('at', 'asc').get()
    expect(data.map((a) => (a as unknown as { after: { minutes: number; reason: string } }).after)).toEqual([
      expect.objectContaining({ minutes: 90, reason: '忘记签到，队长现场确认' }),
      expect.objectContaining({ minutes: 120, reason: '核对签到表后更正' }),
    ])
    expect((data[1] as unknown as { before: { minutes: number } }).before.minutes).toBe(90)
  })

  it('no hours exist without an audit entry', async () => {
    const shift = await signedUp()
    await resident('v1')
    await ok('volunteer', 'v1', 'signup.create', { shiftId: shift.id })
    setClock(new Date(shift.startAt).getTime())
    await ok('volunteer', 'demo-volunteer', 'checkin.byCode', { shiftId: shift.id, code: await (async () => (await ok<CheckinCode>('volunteer', 'demo-lead-caring', 'checkin.code', { shiftId: shift.id })).code)(), mode: 'in' })
    await ok('volunteer', 'demo-lead-caring', 'roster.mark', { shiftId: shift.id, volunteerId: 'v1', mode: 'in' })
    setClock(new Date(shift.endAt).getTime())
    await ok('volunteer', 'demo-volunteer', 'checkin.byCode', { shiftId: shift.id, code: await currentCode(shift.id), mode: 'out' })
    await ok('volunteer', 'demo-lead-caring', 'roster.mark', { shiftId: shift.id, volunteerId: 'v1', mode: 'out' })
    await ok('volunteer', 'demo-lead-caring', 'hours.confirm', { shiftId: shift.id })
    await ok('volunteer', 'demo-lead-caring', 'hours.manual', { shiftId: shift.id, volunteerId: 'seed-vol-1', minutes: 60, reason: '临时来帮忙' })
    const hours = (await db().collection(C.volunteerHours).where({ shiftId: shift.id }).get()).data
    expect(hours).toHaveLength(3)
    for (const doc of hours) {
      const { total } = await db().collection(C.audit).where({ target: doc._id }).count()
      expect(total).toBeGreaterThan(0)
    }
  })
})

describe('the 亮身份 link', () => {
  it('confirming a party-member household member’s shift adds one evidenced fulfilment, once', async () => {
    const before = (await db().collection(C.fulfilments).where({ householdId: 'ltsc-1-1-601', evidenced: true }).count()).total
    await ok('volunteer', 'demo-lead-red-vest', 'hours.confirm', { shiftId: 'seed-red-vest-past-1' })
    const { data } = await db().collection(C.fulfilments).where({ householdId: 'ltsc-1-1-601', evidenced: true }).get()
    expect(data.length).toBe(before + 1)
    expect(data.some((f) => (f as unknown as { source: { refId: string } }).source.refId === 'seed-red-vest-past-1')).toBe(true)
    expect(await ok('volunteer', 'demo-lead-red-vest', 'hours.confirm', { shiftId: 'seed-red-vest-past-1' })).toEqual({ confirmed: 0 })
    expect((await db().collection(C.fulfilments).where({ householdId: 'ltsc-1-1-601', evidenced: true }).count()).total).toBe(before + 1)
  })
})

describe('hours, certificate, verification and export', () => {
  it('shows the seeded volunteer’s totals per team and the history behind them', async () => {
    const hours = await ok<MyHours>('volunteer', 'demo-volunteer', 'my.hours')
    expect(hours.name).toBe('陈晓')
    expect(hours.confirmedMinutes).toBe(660)
    expect(hours.totalMinutes).toBe(810)
    expect(hours.perTeam.map((t) => [t.teamId, t.minutes])).toEqual([['night-walk', 435], ['caring', 375]])
    expect(hours.history.map((h) => h.status)).toContain('recorded')
    expect(hours.upcoming.map((u) => u.id)).toEqual(['seed-caring-next-1'])
  })

  it('issues a certificate that an admin verifies; others cannot', async () => {
    const certificate = await ok<Certificate>('volunteer', 'demo-volunteer', 'certificate.issue')
    expect(certificate).toMatchObject({ name: '陈晓', totalMinutes: 660, issuer: '九里亭街道社区志愿服务站', holderDeleted: false })
    expect(certificate.code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/)
    expect(certificate.perTeam.map((t) => [t.teamName['zh-CN'], t.minutes, t.work])).toEqual([
      ['爱心帮扶队', 375, ['探望独居老人', '代买代办']],
      ['夜走队', 285, ['夜间巡逻']],
    ])
    expect(await code('volunteer', 'demo-lead-caring', 'certificate.verify', { code: certificate.code })).toBe('FORBIDDEN')
    const verified = await ok<Certificate>('volunteer', 'demo-admin', 'certificate.verify', { code: certificate.code.replace('-', '').toLowerCase() })
    expect(verified).toEqual(certificate)
    expect(await code('volunteer', 'demo-admin', 'certificate.verify', { code: 'AAAAA-AAAAA' })).toBe('NOT_FOUND')
    expect(await code('volunteer', 'demo-resident', 'certificate.issue')).toBe('CONFLICT')
  })

  it('exports confirmed hours as CSV for admins only', async () => {
    for (const who of ['demo-volunteer', 'demo-teamlead', 'demo-lead-caring', 'demo-resident']) {
      expect(await code('volunteer', who, 'hours.export', { from: addDays(TODAY, -90), to: TODAY })).toBe('FORBIDDEN')
    }
    const out = await ok<{ csv: string; rows: number }>('volunteer', 'demo-admin', 'hours.export', { from: addDays(TODAY, -90), to: TODAY })
    // demo-volunteer's five confirmed shifts and three of other volunteers; recorded (unconfirmed) hours stay out.
    expect(out.rows).toBe(8)
    expect(out.csv.split('\r\n')[0]).toBe('\uFEFF姓名,服务日期,开始时间,结束时间,服务时长（小时）,项目名称,组织名称,服务地点')
    expect(out.csv).toContain('陈晓,')
  })
})

describe('permissions', () => {
  it('non-leaders and leaders of another team cannot run a team’s shifts, and nothing is written', async () => {
    const shift = await createShift('demo-lead-caring')
    const before = await snapshot()
    const attempts: [string, Record<string, unknown>][] = [
      ['shift.create', { teamId: 'caring', title: 't', place: 'p', day: addDays(TODAY, 3), start: '09:00', end: '10:00', capacity: 3, requirements: { language: null, training: null, insurance: false, ageHealth: false } }],
      ['hours.confirm', { shiftId: shift.id }],
      ['hours.manual', { shiftId: shift.id, volunteerId: 'demo-volunteer', minutes: 60, reason: '补录测试' }],
      ['roster.view', { shiftId: shift.id }],
      ['roster.mark', { shiftId: shift.id, volunteerId: 'demo-volunteer', mode: 'in' }],
      ['checkin.code', { shiftId: shift.id }],
      ['team.requests', { teamId: 'caring' }],
      ['team.members', { teamId: 'caring' }],
      ['hours.export', { from: TODAY, to: TODAY }],
      ['certificate.verify', { code: 'ABCDE-FGHJK' }],
    ]
    for (const who of ['demo-resident', 'demo-volunteer', 'demo-teamlead', 'demo-leader', 'demo-newcomer']) {
      for (const [action, input] of attempts) {
        expect([who, action, await code('volunteer', who, action, input)]).toEqual([who, action, 'FORBIDDEN'])
      }
    }
    // Forged identity fields are dropped, not trusted.
    expect(await code('volunteer', 'demo-resident', 'hours.confirm', { shiftId: shift.id, openid: 'demo-admin', _openid: 'demo-admin' })).toBe('FORBIDDEN')
    expect(await snapshot()).toBe(before)
  })
})

describe('account deletion keeps certified hours, without the person', () => {
  it('anonymises hours and certificates, gives back upcoming places and removes memberships', async () => {
    const certificate = await ok<Certificate>('volunteer', 'demo-volunteer', 'certificate.issue')
    const caringBefore = (await ok<TeamDetail>('volunteer', 'demo-admin', 'team.view', { teamId: 'caring' })).team.memberCount
    expect((await shiftDoc('seed-caring-next-1')).taken).toBe(2)
    const exported = await ok<{ data: Record<string, unknown[]> }>('account', 'demo-volunteer', 'data.export')
    expect(exported.data.volunteer_hours).toHaveLength(6)
    expect(exported.data.team_members).toHaveLength(2)

    const result = await ok<{ anonymised: Record<string, number>; removed: Record<string, number> }>('account', 'demo-volunteer', 'account.delete', { confirm: 'DELETE' })
    expect(result.anonymised).toMatchObject({ volunteer_hours: 6, volunteer_certificates: 1 })
    expect(result.removed).toMatchObject({ team_members: 2, volunteer_profiles: 1 })

    const left = (await db().collection(C.volunteerHours).where({ openid: 'demo-volunteer' }).count()).total
    expect(left).toBe(0)
    const anonymised = (await db().collection(C.volunteerHours).where({ openid: db().command.neq('demo-volunteer') }).get()).data.filter((d) => String((d as unknown as { openid: string }).openid).startsWith('deleted-'))
    expect(anonymised).toHaveLength(6)
    expect((await shiftDoc('seed-caring-next-1')).taken).toBe(1)
    expect((await ok<TeamDetail>('volunteer', 'demo-admin', 'team.view', { teamId: 'caring' })).team.memberCount).toBe(caringBefore - 1)

    const verified = await ok<Certificate>('volunteer', 'demo-admin', 'certificate.verify', { code: certificate.code })
    expect(verified).toMatchObject({ holderDeleted: true, name: '', totalMinutes: 660 })
    const csv = (await ok<{ csv: string }>('volunteer', 'demo-admin', 'hours.export', { from: addDays(TODAY, -90), to: TODAY })).csv
    expect(csv).toContain('（已注销）')
    expect(csv).not.toContain('陈晓')
    const after = await ok<{ data: Record<string, unknown[]> }>('account', 'demo-volunteer', 'data.export')
    expect(after.data.volunteer_hours).toHaveLength(0)
  })
})

describe('time helpers used above', () => {
  it('the test clock starts on a Friday morning in Shanghai', () => {
    expect(fromChina(TODAY, '10:00').getTime()).toBe(T0.getTime())
  })
})
