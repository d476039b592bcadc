import type { BuildingBadges, Coverage, HouseholdCard, MyHousehold, PendingHousehold } from '../../cloud/contracts/household'
import { POLICY_VERSIONS, type Page } from '../../cloud/contracts/model'
import { addDays, chinaDay } from '../../cloud/domain/time'
import { C } from '../../cloud/lib/collections'
import { addEvidencedFulfilment } from '../../cloud/lib/fulfilment'
import { thankTicket } from '../../cloud/lib/household'
import type { Ctx } from '../../cloud/lib/router'
import { beforeVerdicts, cloudbase, code, db, documents, freshCommunity, invoke, ok, settleMediaChecks, upload } from './harness'

/** The seed (cloud/runtime/seed-household.ts): in 绿庭尚城1号楼, 5 households shown, 2-602 withdrawn, 2-301 pending. */
const LTSC1_SHOWN = ['ltsc-1-1-402', 'ltsc-1-1-601', 'ltsc-1-2-101', 'ltsc-1-2-202', 'ltsc-1-2-501']
const WANG = 'ltsc-1-1-601'
const CHEN = 'ltsc-1-1-402'
// The functions read the real clock, so the seed is written relative to it too (its entries are "days ago").
const NOW = new Date()
const TODAY = chinaDay(NOW)

beforeEach(async () => {
  await freshCommunity(NOW)
})

const badges = (openid: string, buildingId = 'ltsc-1') => ok<BuildingBadges>('household', openid, 'badges', { buildingId })
const shownIds = async (openid: string, buildingId = 'ltsc-1') => (await badges(openid, buildingId)).households.map((h) => h.householdId).sort()
const card = (openid: string, householdId = WANG) => ok<HouseholdCard>('household', openid, 'card.view', { householdId })
const mine = async (openid: string, householdId: string) => {
  const found = (await ok<MyHousehold[]>('household', openid, 'mine')).find((home) => home.householdId === householdId)
  if (!found) throw new Error(`${openid} has no home ${householdId}`)
  return found
}

/** The household feature's collections, to prove that a refused call wrote nothing there. */
async function householdState(): Promise<string> {
  const out: Record<string, unknown> = {}
  for (const name of [C.partyHouseholds, C.pledges, C.fulfilments, C.fulfilmentThanks, C.householdLog, C.communitySettings, C.audit]) {
    out[name] = documents(name)
  }
  return JSON.stringify(out)
}

function ctxAs(openid: string): Ctx {
  return { fn: 'volunteer', action: 'test', openid, db: db(), now: NOW }
}

async function grantPublishConsent(openid: string) {
  await ok('account', openid, 'consent.grant', { purpose: 'publish_household', version: POLICY_VERSIONS.publish_household })
}

/** demo-resident (李阿姨, 502) applies, the admin verifies, she consents and publishes. */
async function residentShown() {
  await ok('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-502', displayName: '502 李家', intro: '' })
  await ok('household', 'demo-admin', 'decide', { householdId: 'ltsc-1-1-502', approve: true })
  await grantPublishConsent('demo-resident')
  return ok<MyHousehold>('household', 'demo-resident', 'publish', { householdId: 'ltsc-1-1-502', publish: true })
}

describe('who sees the party-member households of a building', () => {
  it('verified residents of the building see the shown ones, with the count', async () => {
    const view = await badges('demo-resident')
    expect(view.visibleAs).toBe('resident')
    expect(view.households.map((h) => h.householdId).sort()).toEqual(LTSC1_SHOWN)
    expect(view.households.find((h) => h.householdId === WANG)).toEqual({ householdId: WANG, unit: 1, floor: 6, room: '601', displayName: '601 王家' })
  })

  it('its building leader sees them, also when not living there', async () => {
    await ok('community', 'demo-admin', 'role.grant', { userId: 'demo-volunteer', role: 'building_leader', scope: 'ltsc-2' })
    const view = await badges('demo-volunteer', 'ltsc-2')
    expect(view.visibleAs).toBe('leader')
    expect(view.households).toHaveLength(2)
  })

  it('community admins see every building', async () => {
    expect((await badges('demo-admin')).visibleAs).toBe('admin')
    expect(await shownIds('demo-admin', 'bsw-2')).toHaveLength(12)
  })

  it('everyone else gets NOT_VISIBLE from every read, not an empty list', async () => {
    const outsiders = ['demo-korean', 'demo-volunteer', 'demo-teamlead', 'demo-newcomer', 'someone-unknown']
    for (const who of outsiders) {
      expect(await code('household', who, 'badges', { buildingId: 'ltsc-1' })).toBe('NOT_VISIBLE')
      expect(await code('household', who, 'card.view', { householdId: WANG })).toBe('NOT_VISIBLE')
    }
    const entry = (await card('demo-resident')).timeline[0]
    // Thanking answers NOT_FOUND for any entry one may not thank: an entry id must not tell that its household is a
    // party-member household.
    expect(await code('household', 'demo-korean', 'fulfilment.thank', { entryId: entry.id })).toBe('NOT_FOUND')
  })

  it('a pending or departed resident sees nothing', async () => {
    await ok('account', 'test-new', 'consent.grant', { purpose: 'app', version: POLICY_VERSIONS.app })
    const pending = await ok<{ id: string }>('community', 'test-new', 'residency.request', { householdId: 'ltsc-1-1-101' })
    expect(await code('household', 'test-new', 'badges', { buildingId: 'ltsc-1' })).toBe('NOT_VISIBLE')
    await ok('community', 'demo-leader', 'residency.decide', { residencyId: pending.id, approve: true })
    expect(await shownIds('test-new')).toEqual(LTSC1_SHOWN)
    await ok('community', 'test-new', 'residency.leave', { residencyId: pending.id })
    expect(await code('household', 'test-new', 'badges', { buildingId: 'ltsc-1' })).toBe('NOT_VISIBLE')
  })

  it('an admin can widen an area: its other residents then see, other areas still do not', async () => {
    expect(await code('household', 'demo-volunteer', 'badges', { buildingId: 'lt-1' })).toBe('NOT_VISIBLE')
    expect(await code('household', 'demo-resident', 'settings.area', { areaId: 'lt', areaWide: true })).toBe('FORBIDDEN')
    await ok('household', 'demo-admin', 'settings.area', { areaId: 'lt', areaWide: true })
    const view = await badges('demo-volunteer', 'lt-1')
    expect(view.visibleAs).toBe('area_resident')
    expect(view.households.map((h) => h.displayName)).toEqual(['302 谢家'])
    expect(await code('household', 'demo-volunteer', 'badges', { buildingId: 'ltsc-1' })).toBe('NOT_VISIBLE')
    await ok('household', 'demo-admin', 'settings.area', { areaId: 'lt', areaWide: false })
    expect(await code('household', 'demo-volunteer', 'badges', { buildingId: 'lt-1' })).toBe('NOT_VISIBLE')
    const audit = await ok<{ items: { action: string }[] }>('community', 'demo-admin', 'audit.list', { action: 'household.settings.area' })
    expect(audit.items).toHaveLength(2)
  })

  it('a card never carries a member’s name, phone number or openid', async () => {
    const view = await card('demo-resident')
    expect(view.displayName).toBe('601 王家')
    expect(view.pledges.length).toBeGreaterThanOrEqual(4)
    expect(view.timeline.length).toBeGreaterThan(0)
    const text = JSON.stringify(view)
    for (const secret of ['王叔叔', 'demo-party', 'seed-ltsc', 'openid', 'createdBy']) expect(text).not.toContain(secret)
    expect(text).not.toMatch(/1[3-9]\d{9}/)
  })

  it('a household that is not shown is NOT_FOUND to neighbours, but its own members still see their card', async () => {
    expect(await code('household', 'demo-resident', 'card.view', { householdId: 'ltsc-1-2-602' })).toBe('NOT_FOUND')
    expect(await code('household', 'demo-resident', 'card.view', { householdId: 'ltsc-1-2-301' })).toBe('NOT_FOUND')
    expect(await code('household', 'demo-resident', 'card.view', { householdId: 'ltsc-1-1-502' })).toBe('NOT_FOUND')
    const own = await card('seed-ltsc-1-2-602', 'ltsc-1-2-602')
    expect(own).toMatchObject({ isMine: true, shown: false })
  })
})

describe('becoming a shown household', () => {
  it('apply → verify (admin, audited) → consent → publish: the badge appears; every change is in the history', async () => {
    const applied = await ok<MyHousehold>('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-502', displayName: ' 502  李家 ', intro: '退休护士，量血压可以找我。' })
    expect(applied.party).toMatchObject({ status: 'pending', displayName: '502 李家', published: false, shown: false })
    expect(await code('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-502', displayName: '502 李家' })).toBe('CONFLICT')

    const { items: queue, next } = await ok<Page<PendingHousehold>>('household', 'demo-admin', 'queue')
    // Oldest first: the seeded applications, then this one; all on the first page.
    expect(queue.map((item) => item.householdId)).toEqual(['ltsc-1-2-301', 'ltsc-2-1-102', 'lt-3-1-603', 'ltsc-1-1-502'])
    expect(next).toBeNull()
    expect(queue.find((item) => item.householdId === 'ltsc-1-1-502')).toMatchObject({ applicant: '李阿姨', displayName: '502 李家', buildingName: '1号楼', unit: 1, room: '502' })

    for (const who of ['demo-resident', 'demo-leader', 'demo-party']) {
      expect(await code('household', who, 'decide', { householdId: 'ltsc-1-1-502', approve: true })).toBe('FORBIDDEN')
      expect(await code('household', who, 'queue')).toBe('FORBIDDEN')
    }
    await ok('household', 'demo-admin', 'decide', { householdId: 'ltsc-1-1-502', approve: true })
    expect(await code('household', 'demo-admin', 'decide', { householdId: 'ltsc-1-1-502', approve: true })).toBe('CONFLICT')
    const audit = await ok<{ items: { action: string; target: string; after: unknown }[] }>('community', 'demo-admin', 'audit.list', { action: 'household.decide' })
    expect(audit.items[0]).toMatchObject({ target: 'ltsc-1-1-502', after: { status: 'verified' } })

    // Verified is not shown: the separate consent and the household's own switch come first.
    expect(await shownIds('demo-leader')).not.toContain('ltsc-1-1-502')
    expect(await code('household', 'demo-resident', 'publish', { householdId: 'ltsc-1-1-502', publish: true })).toBe('CONSENT_REQUIRED')
    await grantPublishConsent('demo-resident')
    const published = await ok<MyHousehold>('household', 'demo-resident', 'publish', { householdId: 'ltsc-1-1-502', publish: true })
    expect(published.party).toMatchObject({ status: 'verified', published: true, consent: true, shown: true })
    expect(await shownIds('demo-leader')).toContain('ltsc-1-1-502')
    expect(published.party?.history.map((change) => `${change.by}:${change.action}`)).toEqual(['member:publish', 'admin:verify', 'member:apply'])
  })

  it('only a verified resident of the household may apply, manage or publish it', async () => {
    expect(await code('household', 'demo-resident', 'apply', { householdId: CHEN, displayName: '402 陈家' })).toBe('FORBIDDEN')
    expect(await code('household', 'demo-resident', 'publish', { householdId: WANG, publish: false })).toBe('FORBIDDEN')
    expect(await code('household', 'demo-admin', 'publish', { householdId: WANG, publish: false })).toBe('FORBIDDEN')
    expect(await code('household', 'demo-resident', 'profile.update', { householdId: WANG, displayName: '601 坏家' })).toBe('FORBIDDEN')
    expect(await code('household', 'demo-newcomer', 'apply', { householdId: 'ltsc-1-1-502', displayName: '502 李家' })).toBe('CONSENT_REQUIRED')
    expect(await code('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-999', displayName: '999 李家' })).toBe('NOT_FOUND')
  })

  it('refuses names with phone numbers or full names and risky text, writing nothing', async () => {
    const before = await householdState()
    const tries: [Record<string, string>, string][] = [
      [{ displayName: '李家 13812345678' }, 'INVALID_INPUT'],
      [{ displayName: '502 李秀英' }, 'INVALID_INPUT'],
      [{ displayName: '502 李家', intro: '有事打 021-57681234' }, 'INVALID_INPUT'],
      [{ displayName: '502 李家', intro: '欢迎来我家赌博' }, 'CONTENT_RISKY'],
      [{ displayName: '502 色情家' }, 'CONTENT_RISKY'],
    ]
    for (const [input, expected] of tries) {
      const result = await invoke('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-502', ...input })
      expect(result.ok ? 'ok' : result.error.code).toBe(expected)
    }
    expect(await householdState()).toBe(before)
  })

  it('a refused household may apply again; refusing a verified one withdraws its badge', async () => {
    await ok('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-502', displayName: '502 李家' })
    await ok('household', 'demo-admin', 'decide', { householdId: 'ltsc-1-1-502', approve: false, reason: '请先与党总支联系' })
    expect((await mine('demo-resident', 'ltsc-1-1-502')).party?.status).toBe('rejected')
    await ok('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-502', displayName: '502 李家' })
    expect((await mine('demo-resident', 'ltsc-1-1-502')).party?.status).toBe('pending')

    await ok('household', 'demo-admin', 'decide', { householdId: CHEN, approve: false })
    expect(await shownIds('demo-resident')).not.toContain(CHEN)
  })
})

describe('withdrawal: the badge disappears everywhere at once', () => {
  it('one tap by the household hides the badge, the card and thanks; publishing again shows it', async () => {
    const entry = (await card('demo-resident')).timeline[0]
    await ok('household', 'demo-party', 'publish', { householdId: WANG, publish: false })
    expect(await shownIds('demo-resident')).not.toContain(WANG)
    expect(await shownIds('demo-admin')).not.toContain(WANG)
    expect(await code('household', 'demo-resident', 'card.view', { householdId: WANG })).toBe('NOT_FOUND')
    expect(await code('household', 'demo-resident', 'fulfilment.thank', { entryId: entry.id })).toBe('NOT_FOUND')
    expect((await mine('demo-party', WANG)).party).toMatchObject({ published: false, shown: false, status: 'verified' })

    await ok('household', 'demo-party', 'publish', { householdId: WANG, publish: true })
    expect(await shownIds('demo-resident')).toContain(WANG)
  })

  it('withdrawing the publish consent on the privacy page hides it too, and the coverage counts follow', async () => {
    const coverageBefore = await ok<Coverage>('household', 'demo-admin', 'coverage')
    await ok('account', 'demo-party', 'consent.withdraw', { purpose: 'publish_household' })
    expect(await shownIds('demo-resident')).not.toContain(WANG)
    const coverageAfter = await ok<Coverage>('household', 'demo-admin', 'coverage')
    const row = (c: Coverage) => c.buildings.find((b) => b.buildingId === 'ltsc-1')
    expect(row(coverageAfter)?.shown).toBe((row(coverageBefore)?.shown ?? 0) - 1)
    // Consenting again does not publish by itself: the household decides that separately.
    await grantPublishConsent('demo-party')
    expect(await shownIds('demo-resident')).not.toContain(WANG)
  })

  it('a consent to an outdated policy version, or the publisher moving out, hides it without any write to the household', async () => {
    await db().collection(C.consents).doc('demo-party:publish_household').update({ data: { version: '2020-01-01' } })
    expect(await shownIds('demo-resident')).not.toContain(WANG)
    await db().collection(C.consents).doc('demo-party:publish_household').update({ data: { version: POLICY_VERSIONS.publish_household } })
    expect(await shownIds('demo-resident')).toContain(WANG)
    await ok('community', 'demo-party', 'residency.leave', { residencyId: `demo-party:${WANG}` })
    expect(await shownIds('demo-resident')).not.toContain(WANG)
  })
})

describe('pledges', () => {
  it('adds, edits with the earlier wording kept, and retires (kept in the history, gone from the card)', async () => {
    let home = await ok<MyHousehold>('household', 'demo-party', 'pledge.save', { householdId: WANG, category: 'other', text: '帮邻居照看花草' })
    const added = home.party?.pledges.find((p) => p.text === '帮邻居照看花草')
    expect(added).toMatchObject({ status: 'active', category: 'other' })
    home = await ok<MyHousehold>('household', 'demo-party', 'pledge.save', { householdId: WANG, pledgeId: added?.id, category: 'mutual_aid', text: '节假日帮邻居照看花草和宠物' })
    const edited = home.party?.pledges.find((p) => p.id === added?.id)
    expect(edited).toMatchObject({ text: '节假日帮邻居照看花草和宠物', category: 'mutual_aid' })
    expect(edited?.revisions).toEqual([{ category: 'other', text: '帮邻居照看花草', at: expect.any(String) }])

    home = await ok<MyHousehold>('household', 'demo-party', 'pledge.retire', { householdId: WANG, pledgeId: added?.id as string })
    expect(home.party?.pledges.find((p) => p.id === added?.id)?.status).toBe('retired')
    expect((await card('demo-resident')).pledges.map((p) => p.id)).not.toContain(added?.id)
    expect(await code('household', 'demo-party', 'pledge.save', { householdId: WANG, pledgeId: added?.id, category: 'other', text: '再改一次试试' })).toBe('CONFLICT')
    expect(home.party?.history.slice(0, 3).map((c) => c.action)).toEqual(['pledge.retire', 'pledge.edit', 'pledge.add'])
  })

  it('a member of household A cannot add, edit or retire household B’s pledges', async () => {
    const chenPledge = (await card('demo-resident', CHEN)).pledges[0]
    const before = await householdState()
    expect(await code('household', 'demo-party', 'pledge.save', { householdId: CHEN, category: 'other', text: '替别人家承诺' })).toBe('FORBIDDEN')
    expect(await code('household', 'demo-party', 'pledge.save', { householdId: CHEN, pledgeId: chenPledge.id, category: 'other', text: '改别人家的承诺' })).toBe('FORBIDDEN')
    expect(await code('household', 'demo-party', 'pledge.save', { householdId: WANG, pledgeId: chenPledge.id, category: 'other', text: '改别人家的承诺' })).toBe('NOT_FOUND')
    expect(await code('household', 'demo-party', 'pledge.retire', { householdId: WANG, pledgeId: chenPledge.id })).toBe('NOT_FOUND')
    expect(await code('household', 'demo-party', 'pledge.retire', { householdId: CHEN, pledgeId: chenPledge.id })).toBe('FORBIDDEN')
    expect(await code('household', 'demo-resident', 'fulfilment.add', { householdId: CHEN, day: TODAY, note: '替别人记录' })).toBe('FORBIDDEN')
    expect(await householdState()).toBe(before)
  })

  it('refuses risky text and phone numbers with nothing written', async () => {
    const before = await householdState()
    expect(await code('household', 'demo-party', 'pledge.save', { householdId: WANG, category: 'other', text: '帮大家办证，价格优惠' })).toBe('CONTENT_RISKY')
    expect(await code('household', 'demo-party', 'pledge.save', { householdId: WANG, category: 'other', text: '有事请打 13912345678' })).toBe('INVALID_INPUT')
    expect(await code('household', 'demo-party', 'pledge.save', { householdId: WANG, category: 'nonsense', text: '分类不对的承诺' })).toBe('INVALID_INPUT')
    expect(await householdState()).toBe(before)
  })

  it('a household not yet verified cannot publish pledges', async () => {
    await ok('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-502', displayName: '502 李家' })
    expect(await code('household', 'demo-resident', 'pledge.save', { householdId: 'ltsc-1-1-502', category: 'other', text: '帮邻居照看花草' })).toBe('CONFLICT')
  })

  it('keeps at most five active pledges, also when two members add at the same moment', async () => {
    // 601 has four; a second member joins the household.
    const invite = await ok<{ code: string }>('community', 'demo-leader', 'invite.issue', { buildingId: 'ltsc-1' })
    await ok('account', 'test-spouse', 'consent.grant', { purpose: 'app', version: POLICY_VERSIONS.app })
    const joined = await ok<{ id: string }>('community', 'test-spouse', 'residency.join', { householdId: WANG, code: invite.code })
    // 601 has verified members: one of them lets the spouse in (issue 20).
    await ok('community', 'demo-party', 'residency.decide', { residencyId: joined.id, approve: true })
    const results = await Promise.all(
      ['demo-party', 'test-spouse', 'demo-party', 'test-spouse'].map((who, i) => invoke('household', who, 'pledge.save', { householdId: WANG, category: 'other', text: `第 ${i + 1} 条新承诺` })),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(3)
    const home = await mine('demo-party', WANG)
    expect(home.party?.pledges.filter((p) => p.status === 'active')).toHaveLength(5)
  })

  it('a retried add (same requestId) adds one pledge', async () => {
    const input = { householdId: WANG, category: 'other', text: '帮邻居照看花草' }
    await invoke('household', 'demo-party', 'pledge.save', input, { requestId: 'retry-pledge-1' })
    await invoke('household', 'demo-party', 'pledge.save', input, { requestId: 'retry-pledge-1' })
    const home = await mine('demo-party', WANG)
    expect(home.party?.pledges.filter((p) => p.text === '帮邻居照看花草')).toHaveLength(1)
  })
})

describe('fulfilment (践诺)', () => {
  it('records an entry with date, note, pledge and own photos; neighbours see it on the card', async () => {
    const pledge = (await mine('demo-party', WANG)).party?.pledges[0]
    const photo = await upload(`household/${WANG}/a1.jpg`, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))
    // The photo waits for WeChat's image check (pushed a moment later): neighbours see it once it passed.
    await beforeVerdicts(async () => {
      await ok('household', 'demo-party', 'fulfilment.add', { householdId: WANG, day: TODAY, note: '帮 5 楼老人取了快递', pledgeId: pledge?.id, photos: [photo] })
      expect((await card('demo-resident')).timeline[0].photos).toEqual([])
    })
    await settleMediaChecks()
    const top = (await card('demo-resident')).timeline[0]
    expect(top).toMatchObject({ day: TODAY, note: '帮 5 楼老人取了快递', pledgeId: pledge?.id, pledgeCategory: pledge?.category, evidenced: false, thanks: 0, thankedByMe: false })
    expect(top.photos).toHaveLength(1)
    // A temporary URL of the storage (signed, expiring), never the fileID.
    const files = `${cloudbase().url}/storage/files/`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    expect(top.photos[0]).toMatch(new RegExp(`^${files}household/${WANG}/a1\\.jpg\\?expires=\\d+&sign=[0-9a-f]{64}$`))
  })

  it('refuses a future day, another household’s photos, phone numbers and risky notes, writing nothing', async () => {
    const before = await householdState()
    const add = (input: Record<string, unknown>) => code('household', 'demo-party', 'fulfilment.add', { householdId: WANG, day: TODAY, note: '清扫楼道', ...input })
    expect(await add({ day: addDays(TODAY, 1) })).toBe('INVALID_INPUT')
    expect(await add({ day: addDays(TODAY, -400) })).toBe('INVALID_INPUT')
    expect(await add({ photos: [`cloud://local/household/${CHEN}/x.jpg`] })).toBe('INVALID_INPUT')
    expect(await add({ photos: ['cloud://local/a.jpg', 'cloud://local/b.jpg', 'cloud://local/c.jpg', 'cloud://local/d.jpg'] })).toBe('INVALID_INPUT')
    expect(await add({ note: '有事找我 13812345678' })).toBe('INVALID_INPUT')
    expect(await add({ note: '楼下有人刷单诈骗' })).toBe('CONTENT_RISKY')
    expect(await add({ pledgeId: 'not-a-pledge' })).toBe('NOT_FOUND')
    expect(await householdState()).toBe(before)
  })

  it('a completed shift adds an evidenced entry once, through the hook other features call', async () => {
    const work = { openid: 'demo-party', kind: 'shift' as const, refId: 'shift-42', day: TODAY, note: '夜走队巡逻 2 小时' }
    expect(await addEvidencedFulfilment(ctxAs('demo-party'), work)).toBe(1)
    expect(await addEvidencedFulfilment(ctxAs('demo-party'), work)).toBe(0)
    // Someone in no verified party household: nothing.
    expect(await addEvidencedFulfilment(ctxAs('demo-resident'), { ...work, openid: 'demo-resident' })).toBe(0)
    const entries = (await card('demo-resident')).timeline.filter((e) => e.note === '夜走队巡逻 2 小时')
    expect(entries).toEqual([expect.objectContaining({ evidenced: true, source: 'shift', day: TODAY })])
  })
})

describe('thanks, once each', () => {
  it('a neighbour thanks an entry once; a second tap and simultaneous retries change nothing', async () => {
    const entry = (await card('demo-resident')).timeline[0]
    const first = await ok<{ thanks: number; already: boolean }>('household', 'demo-resident', 'fulfilment.thank', { entryId: entry.id })
    expect(first).toMatchObject({ thanks: entry.thanks + 1, already: false })
    const again = await ok<{ thanks: number; already: boolean }>('household', 'demo-resident', 'fulfilment.thank', { entryId: entry.id })
    expect(again).toMatchObject({ thanks: entry.thanks + 1, already: true })
    await Promise.all(Array.from({ length: 5 }, () => invoke('household', 'demo-leader', 'fulfilment.thank', { entryId: entry.id })))
    const after = (await card('demo-resident')).timeline.find((e) => e.id === entry.id)
    expect(after).toMatchObject({ thanks: entry.thanks + 2, thankedByMe: true })
  })

  it('a thank left half-done by a killed instance (written, not yet counted) is counted by its retry, once', async () => {
    const entry = (await card('demo-resident')).timeline[1]
    const id = `${entry.id}:demo-resident`
    await db().collection(C.fulfilmentThanks).add({ data: { _id: id, entryId: entry.id, householdId: WANG, openid: 'demo-resident', at: NOW, ticket: thankTicket(id) } })
    const retry = await ok<{ thanks: number; already: boolean }>('household', 'demo-resident', 'fulfilment.thank', { entryId: entry.id })
    expect(retry).toMatchObject({ thanks: entry.thanks + 1, already: false })
    const again = await ok<{ thanks: number; already: boolean }>('household', 'demo-resident', 'fulfilment.thank', { entryId: entry.id })
    expect(again).toMatchObject({ thanks: entry.thanks + 1, already: true })
    // The entry names none of its thankers: only tickets, and the person's export leaves them out.
    const stored = documents(C.fulfilments).find((doc) => doc._id === entry.id)
    expect(JSON.stringify(stored?.counted)).not.toContain('demo-resident')
  })

  it('a thank from before tickets (counted with it, in one transaction) is not counted again', async () => {
    const entry = (await card('demo-resident')).timeline[1]
    await db().collection(C.fulfilmentThanks).add({ data: { _id: `${entry.id}:demo-resident`, entryId: entry.id, householdId: WANG, openid: 'demo-resident', at: NOW } })
    await db().collection(C.fulfilments).doc(entry.id).update({ data: { thanks: entry.thanks + 1 } })
    const again = await ok<{ thanks: number; already: boolean }>('household', 'demo-resident', 'fulfilment.thank', { entryId: entry.id })
    expect(again).toMatchObject({ thanks: entry.thanks + 1, already: true })
  })

  it('a household cannot thank itself', async () => {
    const entry = (await card('demo-party')).timeline[0]
    expect(await code('household', 'demo-party', 'fulfilment.thank', { entryId: entry.id })).toBe('FORBIDDEN')
    expect(await code('household', 'demo-resident', 'fulfilment.thank', { entryId: 'nope' })).toBe('NOT_FOUND')
  })
})

describe('for admins', () => {
  it('coverage per building and pledge activity, for admins only', async () => {
    await residentShown()
    const coverage = await ok<Coverage>('household', 'demo-admin', 'coverage')
    expect(coverage.buildings.find((b) => b.buildingId === 'ltsc-1')).toMatchObject({ households: 24, verified: 7, shown: 6, pending: 1 })
    expect(coverage.buildings.find((b) => b.buildingId === 'bsw-2')).toMatchObject({ households: 264, verified: 12, shown: 12, pending: 0 })
    expect(coverage.totals.households).toBe(coverage.buildings.reduce((sum, b) => sum + b.households, 0))
    expect(coverage.activity.activePledges.map((row) => row.category)).toEqual(['mutual_aid', 'environment', 'family_virtue', 'volunteering', 'other'])
    expect(coverage.activity.activePledges.every((row) => row.count > 0)).toBe(true)
    expect(coverage.activity.entries30d).toBeGreaterThan(coverage.activity.evidenced30d)
    expect(coverage.activity.evidenced30d).toBeGreaterThan(0)
    expect(coverage.activity.thanks30d).toBeGreaterThan(0)
    expect(coverage.areas.map((a) => a.areaWide)).toEqual([false, false, false])
    for (const who of ['demo-resident', 'demo-leader', 'demo-party']) expect(await code('household', who, 'coverage')).toBe('FORBIDDEN')
  })
})

describe('the review queue', () => {
  /** Every page of the queue, in the order the pages came. */
  async function wholeQueue(openid = 'demo-admin'): Promise<PendingHousehold[]> {
    const items: PendingHousehold[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: Page<PendingHousehold> = await ok<Page<PendingHousehold>>('household', openid, 'queue', cursor ? { cursor } : {})
      expect(page.items.length).toBeLessThanOrEqual(50)
      items.push(...page.items)
      cursor = page.next
      if (++pages > 100) throw new Error('paging does not end')
    } while (cursor)
    return items
  }

  it('pages 230 more applications past the old cut at 100: each exactly once, oldest first', async () => {
    // 230 homes of 贝尚湾 2号楼 (33 floors, 8 a floor) apply, three to a second: ties are broken by the household id.
    const base = NOW.getTime() - 86400_000
    const seeded = new Set((await db().collection(C.partyHouseholds).where({ buildingId: 'bsw-2' }).limit(1000).get()).data.map((doc) => String(doc._id)))
    const rooms = Array.from({ length: 33 }, (_, f) => Array.from({ length: 8 }, (_, r) => String((f + 1) * 100 + r + 1)))
      .flat()
      .filter((room) => !seeded.has(`bsw-2-1-${room}`))
      .slice(0, 230)
    // Written in a shuffled order, so that the order of insertion proves nothing.
    for (const [i, room] of rooms.map((room, i) => [(i * 97) % 230, room] as const).sort((a, b) => a[0] - b[0])) {
      const doc = {
        _id: `bsw-2-1-${room}`, buildingId: 'bsw-2', areaId: 'bsw', unit: 1, room, status: 'pending', displayName: `${room} 家`, intro: '',
        published: false, publishedBy: null, publishedAt: null, activePledges: 0, appliedBy: `campaign-${i}`, appliedAt: new Date(base + Math.floor(i / 3) * 1000), decidedBy: null, decidedAt: null,
      }
      await db().collection(C.partyHouseholds).add({ data: doc })
    }
    const { data } = await db().collection(C.partyHouseholds).where({ status: 'pending' }).limit(1000).get()
    const expected = (data as unknown as { _id: string; appliedAt: Date }[])
      .sort((a, b) => new Date(a.appliedAt).getTime() - new Date(b.appliedAt).getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
      .map((doc) => doc._id)
    expect(expected.length).toBe(233)

    const queue = await wholeQueue()
    expect(queue.map((item) => item.householdId)).toEqual(expected)
    expect(new Set(queue.map((item) => item.householdId)).size).toBe(233)
    expect(queue.find((item) => item.householdId === 'bsw-2-1-101')).toMatchObject({ areaName: '贝尚湾', buildingName: '2号楼', room: '101', status: 'pending' })

    // A decision takes one out; starting again from the first page, nobody else is lost.
    await ok('household', 'demo-admin', 'decide', { householdId: expected[120], approve: true })
    expect((await wholeQueue()).map((item) => item.householdId)).toEqual(expected.filter((id) => id !== expected[120]))
  })

  it('refuses a cursor that is not one it gave', async () => {
    for (const cursor of ['-1', '1e3', 'abc', '12345678']) expect(await code('household', 'demo-admin', 'queue', { cursor })).toBe('INVALID_INPUT')
    // A well-formed cursor past the last application (the latest possible date): an empty last page.
    expect(await ok<Page<PendingHousehold>>('household', 'demo-admin', 'queue', { cursor: 'W3siZCI6ODY0MDAwMDAwMDAwMDAwMH0sIn4iXQ' })).toEqual({ items: [], next: null })
    expect(await code('household', 'demo-resident', 'queue', { cursor: '50' })).toBe('FORBIDDEN')
  })
})

describe('conflict of interest', () => {
  it('an admin who lives in a household does not verify it; nothing is written, and another admin can', async () => {
    // The admin (周书记) is a verified resident of 李阿姨's home, which applies.
    const invite = await ok<{ code: string }>('community', 'demo-leader', 'invite.issue', { buildingId: 'ltsc-1' })
    const joined = await ok<{ id: string }>('community', 'demo-admin', 'residency.join', { householdId: 'ltsc-1-1-502', code: invite.code })
    await ok('community', 'demo-resident', 'residency.decide', { residencyId: joined.id, approve: true })
    await ok('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-502', displayName: '502 李家', intro: '' })

    const before = await householdState()
    const refused = await invoke('household', 'demo-admin', 'decide', { householdId: 'ltsc-1-1-502', approve: true })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'own_household' } })
    if (!refused.ok) expect(refused.error.message).toMatch(/自己家/)
    expect(await householdState()).toBe(before)
    expect((await mine('demo-resident', 'ltsc-1-1-502')).party?.status).toBe('pending')

    // Another admin verifies it; the first may still withdraw a verification (that gives the household nothing).
    await ok('community', 'demo-admin', 'role.grant', { userId: 'demo-leader', role: 'admin', scope: 'community' })
    await ok('household', 'demo-leader', 'decide', { householdId: 'ltsc-1-1-502', approve: true })
    expect((await mine('demo-resident', 'ltsc-1-1-502')).party?.status).toBe('verified')
    await ok('household', 'demo-admin', 'decide', { householdId: 'ltsc-1-1-502', approve: false, reason: '核对后不是党员家庭' })
    expect((await mine('demo-resident', 'ltsc-1-1-502')).party?.status).toBe('rejected')
  })

  it('a home the admin has left, or only asked for, is no conflict', async () => {
    const invite = await ok<{ code: string }>('community', 'demo-leader', 'invite.issue', { buildingId: 'ltsc-1' })
    const joined = await ok<{ id: string }>('community', 'demo-admin', 'residency.join', { householdId: 'ltsc-1-1-502', code: invite.code })
    await ok('community', 'demo-admin', 'residency.leave', { residencyId: joined.id })
    await ok('community', 'demo-admin', 'residency.request', { householdId: 'ltsc-1-1-502' })
    await ok('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-502', displayName: '502 李家', intro: '' })
    await ok('household', 'demo-admin', 'decide', { householdId: 'ltsc-1-1-502', approve: true })
    expect((await mine('demo-resident', 'ltsc-1-1-502')).party?.status).toBe('verified')
  })
})

describe('my data (PIPL Art. 45, 47)', () => {
  it('export includes my household records; deletion removes my thanks, anonymises the rest and hides what I published', async () => {
    const chenEntry = (await card('demo-party', CHEN)).timeline[0]
    await ok('household', 'demo-party', 'fulfilment.thank', { entryId: chenEntry.id })
    const exported = await ok<{ data: Record<string, unknown[]> }>('account', 'demo-party', 'data.export')
    expect(exported.data.party_households).toHaveLength(1)
    expect(exported.data.pledges.length).toBeGreaterThanOrEqual(4)
    expect(exported.data.fulfilment_thanks).toHaveLength(1)

    const result = await ok<{ removed: Record<string, number>; anonymised: Record<string, number> }>('account', 'demo-party', 'account.delete', { confirm: 'DELETE' })
    expect(result.removed.fulfilment_thanks).toBe(1)
    expect(result.anonymised['pledges.createdBy']).toBeGreaterThanOrEqual(4)
    expect(await shownIds('demo-resident')).not.toContain(WANG)
    const after = await ok<{ data: Record<string, unknown[]> }>('account', 'demo-party', 'data.export')
    expect(Object.values(after.data).every((rows) => rows.length === 0)).toBe(true)
  })
})
