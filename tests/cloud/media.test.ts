import type { HouseholdCard, MyHousehold } from '../../cloud/contracts/household'
import type { Me } from '../../cloud/contracts/model'
import { chinaDay } from '../../cloud/domain/time'
import { C } from '../../cloud/lib/collections'
import type { MediaCheckDoc } from '../../cloud/lib/media'
import { RISKY_IMAGE_MARKER } from '../../cloud/cloudbase/openapi'
import { beforeVerdicts, call, cloudbase, code, db, documents, freshCommunity, intercept, invoke, ok, outbox, settleMediaChecks, upload } from './harness'

/**
 * Content safety for images (issue 19): an avatar is only a file of our storage in the caller's own folder; every
 * published image goes through WeChat's asynchronous image check, whose verdict is pushed later; nothing is shown to
 * others before it passed, the owner is told why it did not; replaced and deleted people's files leave storage.
 */
const WANG = 'ltsc-1-1-601'
const NOW = new Date()
const TODAY = chinaDay(NOW)
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])
const RISKY_JPEG = Buffer.concat([JPEG, Buffer.from(RISKY_IMAGE_MARKER)])

beforeEach(async () => {
  await freshCommunity(NOW)
})
afterEach(() => settleMediaChecks())

const me = (openid: string) => ok<Me>('account', openid, 'me')
const stored = () => cloudbase().storedPaths()
// Sync, committed state, in write order (as the old store's get() answered).
const checks = async () => documents(C.mediaChecks) as unknown as MediaCheckDoc[]
/** The storage path of a fileID (`cloud://<env>.<bucket>/<path>`). */
const pathOf = (fileID: string) => fileID.replace(/^cloud:\/\/[^/]+\//, '')
/** A fileID of this storage for a path, whether or not a file is there. */
const fileIdOf = (known: string, cloudPath: string) => `${known.slice(0, known.length - pathOf(known).length)}${cloudPath}`

async function uploadAvatar(openid: string, name: string, bytes = JPEG): Promise<string> {
  const { avatarFolder } = await me(openid)
  return upload(`${avatarFolder}${name}.jpg`, bytes)
}

async function uploadPhoto(name: string, bytes = JPEG): Promise<string> {
  return upload(`household/${WANG}/${name}.jpg`, bytes)
}

describe('avatars', () => {
  it('are files in the caller’s own folder, checked asynchronously: pending until WeChat’s push, then passed', async () => {
    const folder = (await me('demo-resident')).avatarFolder
    expect(folder).toMatch(/^avatars\/[0-9a-f]{24}\/$/)
    expect(folder).not.toContain('demo-resident')
    expect((await me('demo-party')).avatarFolder).not.toBe(folder)

    const fileID = await uploadAvatar('demo-resident', 'a1')
    await beforeVerdicts(async () => {
      const updated = await ok<Me>('account', 'demo-resident', 'profile.update', { avatarFileId: fileID })
      expect(updated).toMatchObject({ avatarFileId: fileID, avatarReview: { state: 'pending', label: null } })
      // A temporary URL of the storage (signed, expiring), never the fileID.
      expect(updated.avatarUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/files\/avatars\/[0-9a-f]{24}\/a1\.jpg\?expires=\d+&sign=[0-9a-f]{64}$/)
      const [check] = await checks()
      expect(check).toMatchObject({ fileID, openid: 'demo-resident', use: 'avatar', status: 'pending' })
      const asked = outbox().filter((entry) => entry.kind === 'mediaCheckAsync')
      expect(asked).toMatchObject([{ payload: { scene: 1, openid: 'demo-resident', traceId: check._id } }])
    })

    await settleMediaChecks()
    expect((await me('demo-resident')).avatarReview).toEqual({ state: 'pass', label: 100 })
  })

  it('a refused avatar tells its owner why (WeChat’s label)', async () => {
    await ok('account', 'demo-resident', 'profile.update', { avatarFileId: await uploadAvatar('demo-resident', 'bad', RISKY_JPEG) })
    await settleMediaChecks()
    expect((await me('demo-resident')).avatarReview).toEqual({ state: 'risky', label: 20002 })
  })

  it('never a link or someone else’s file: other folders, other paths and non-images are refused, nothing written', async () => {
    const theirs = await uploadAvatar('demo-party', 'theirs')
    const before = await me('demo-resident')
    for (const avatarFileId of [
      theirs,
      'https://example.com/a.jpg',
      fileIdOf(theirs, `${before.avatarFolder}../x.jpg`),
      fileIdOf(theirs, `${before.avatarFolder}a.jpg?/x`),
      fileIdOf(theirs, `household/${WANG}/a.jpg`),
    ]) {
      expect(await code('account', 'demo-resident', 'profile.update', { avatarFileId })).toBe('INVALID_INPUT')
    }
    // A file in the right folder that is not an image, or is missing.
    const text = await upload(`${before.avatarFolder}x.jpg`, Buffer.from('<html>'))
    expect(await code('account', 'demo-resident', 'profile.update', { avatarFileId: text })).toBe('INVALID_INPUT')
    expect(await code('account', 'demo-resident', 'profile.update', { avatarFileId: fileIdOf(theirs, `${before.avatarFolder}gone.jpg`) })).toBe('INVALID_INPUT')
    // The old field is not part of the contract any more: an arbitrary URL is simply dropped.
    await ok('account', 'demo-resident', 'profile.update', { avatarUrl: 'https://example.com/a.jpg' })
    expect(await me('demo-resident')).toMatchObject({ avatarFileId: '', avatarUrl: '', avatarReview: null })
    expect(await checks()).toEqual([])
  })

  it('replacing an avatar deletes the old file from storage', async () => {
    const first = await uploadAvatar('demo-resident', 'first')
    await ok('account', 'demo-resident', 'profile.update', { avatarFileId: first })
    const second = await uploadAvatar('demo-resident', 'second')
    await ok('account', 'demo-resident', 'profile.update', { avatarFileId: second })
    const folder = (await me('demo-resident')).avatarFolder
    expect(stored().filter((path) => path.startsWith(folder))).toEqual([`${folder}second.jpg`])
  })
})

describe('fulfilment photos', () => {
  it('neighbours see a photo only once it passed; the household sees every photo with its review', async () => {
    const good = await uploadPhoto('good')
    const bad = await uploadPhoto('bad', RISKY_JPEG)
    const neighbour = async () => (await ok<HouseholdCard>('household', 'demo-resident', 'card.view', { householdId: WANG })).timeline[0]
    const own = async () => (await ok<MyHousehold[]>('household', 'demo-party', 'mine')).find((home) => home.householdId === WANG)?.party?.timeline[0]
    await beforeVerdicts(async () => {
      await ok('household', 'demo-party', 'fulfilment.add', { householdId: WANG, day: TODAY, note: '帮 5 楼老人取了快递', photos: [good, bad] })
      expect((await neighbour()).photos).toEqual([])
      expect((await neighbour()).photoReviews).toBeUndefined()
      expect((await own())?.photoReviews).toEqual([
        { state: 'pending', label: null },
        { state: 'pending', label: null },
      ])
    })

    await settleMediaChecks()
    const seen = await neighbour()
    expect(seen.photos).toHaveLength(1)
    expect(seen.photos[0]).toContain('/good.jpg?')
    const mine = await own()
    expect(mine?.photos).toHaveLength(2)
    expect(mine?.photoReviews).toEqual([
      { state: 'pass', label: 100 },
      { state: 'risky', label: 20002 },
    ])
  })
})

describe('the verdict push', () => {
  it('comes from WeChat only: a resident who sends it with their own identity changes nothing', async () => {
    const fileID = await uploadPhoto('p1', RISKY_JPEG)
    const forged = await beforeVerdicts(async () => {
      await ok('household', 'demo-party', 'fulfilment.add', { householdId: WANG, day: TODAY, note: '打扫楼道', photos: [fileID] })
      const [check] = await checks()
      const push = { MsgType: 'event', Event: 'wxa_media_check', trace_id: check._id, result: { suggest: 'pass', label: 100 } }
      for (const fn of ['account', 'household'] as const) {
        const answer = await call(fn, 'demo-party', push)
        expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
      }
      expect((await checks())[0].status).toBe('pending')
      return push
    })
    await settleMediaChecks()
    expect((await checks())[0].status).toBe('risky')
    // A second push for a decided check, or one for a trace id never asked, changes nothing.
    // WeChat's own invocations, with no caller at all.
    expect(await call('account', null, { ...forged })).toMatchObject({ ok: true, data: { status: null } })
    expect((await checks())[0].status).toBe('risky')
    expect(await call('household', null, { ...forged, trace_id: 'never-asked' })).toMatchObject({ ok: true })
    expect((await checks()).find((doc) => doc._id === 'never-asked')).toMatchObject({ fileID: '', status: 'pass' })
  })

  it('a verdict that overtakes the check’s own write is kept and taken over', async () => {
    const fileID = await uploadPhoto('early')
    // WeChat's push for the trace id it is about to answer arrives before the function writes its check (here: before
    // the function asks at all — the database sees the same order), as WeChat's own invocation, with no caller.
    await call('account', null, { MsgType: 'event', Event: 'wxa_media_check', trace_id: 'early-trace', result: { suggest: 'pass', label: 100 } })
    expect(await checks()).toMatchObject([{ _id: 'early-trace', fileID: '', status: 'pass' }])
    // WeChat answers the check with that trace id (and pushes nothing more).
    intercept((request) => (request.apiName === 'security.mediaCheckAsync' ? { errcode: 0, errmsg: 'ok', trace_id: 'early-trace' } : undefined))
    await ok('household', 'demo-party', 'fulfilment.add', { householdId: WANG, day: TODAY, note: '打扫楼道', photos: [fileID] })
    intercept(null)
    expect(await checks()).toMatchObject([{ _id: 'early-trace', fileID, openid: 'demo-party', status: 'pass' }])
  })
})

describe('deletion deletes files', () => {
  it('no file of a deleted person remains in storage; the household’s entries stay without their photos', async () => {
    const avatars = [await uploadAvatar('demo-party', 'old'), await uploadAvatar('demo-party', 'new')]
    await ok('account', 'demo-party', 'profile.update', { avatarFileId: avatars[0] })
    await ok('account', 'demo-party', 'profile.update', { avatarFileId: avatars[1] })
    const photos = [await uploadPhoto('d1'), await uploadPhoto('d2', RISKY_JPEG)]
    await ok('household', 'demo-party', 'fulfilment.add', { householdId: WANG, day: TODAY, note: '帮邻居搬东西', photos })
    await settleMediaChecks()
    // Someone else's file stays.
    const other = await uploadAvatar('demo-resident', 'keep')
    await ok('account', 'demo-resident', 'profile.update', { avatarFileId: other })
    const folder = (await me('demo-party')).avatarFolder

    const result = await invoke<{ removed: Record<string, number> }>('account', 'demo-party', 'account.delete', { confirm: 'DELETE' })
    if (!result.ok) throw new Error(result.error.message)
    // The replaced avatar was deleted when it was replaced: the storage answers a second delete of it as failed, as the
    // cloud's does, so three files are removed now (the avatar and the two photos).
    expect(result.data.removed).toMatchObject({ 'fulfilments.photos': 1, [C.mediaChecks]: 4 })
    expect(result.data.removed.files).toBe(3)
    const left = stored()
    expect(left.filter((path) => path.startsWith(folder))).toEqual([])
    for (const fileID of photos) expect(left).not.toContain(pathOf(fileID))
    expect(left).toContain(pathOf(other))
    expect((await checks()).map((check) => check.openid)).toEqual(['demo-resident'])
    const entries = (await db().collection(C.fulfilments).where({ householdId: WANG, note: '帮邻居搬东西' }).get()).data
    expect(entries).toMatchObject([{ photos: [] }])
  })
})
