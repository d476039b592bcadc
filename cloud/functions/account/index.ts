import { randomBytes } from 'node:crypto'
import * as contract from '../../contracts/account'
import { AppError } from '../../contracts/envelope'
import { PHOTO_MAX_BYTES, sniffPhotoType } from '../../domain/household'
import { POLICY_VERSIONS, type ConsentPurpose, type ConsentState, type Me, type RoleGrant } from '../../contracts/model'
import { consentId, findUser, requireConsent, type ConsentDoc, type ResidencyDoc, type RoleDoc, type UserDoc } from '../../lib/auth'
import { C } from '../../lib/collections'
import { findAll, findById, iso } from '../../lib/docs'
import { checkText, refusePersonalData } from '../../lib/content'
import { describeResidencies, scopeName } from '../../lib/describe'
import { forgetHouseholdData, householdDataOf, unpublishFor } from '../../lib/household'
import { identifiersOf, pseudonymise } from '../../lib/forget'
import { avatarFolder, deleteStoredFiles, imageReviews, isAvatarOf, requestImageCheck, type MediaCheckDoc } from '../../lib/media'
import { createFunction, handle, type Ctx } from '../../lib/router'
import { forgetServiceData, serviceDataOf } from '../../lib/service/personal'
import { sdk } from '../../lib/sdk'
import { forgetVolunteer, volunteerDataOf } from '../../lib/volunteer'
import { tellPromoted } from '../../lib/volunteer-notices'

const DEFAULT_NICKNAME = '邻居'

function consentState(purpose: ConsentPurpose, doc: ConsentDoc | null): ConsentState {
  return { purpose, granted: Boolean(doc?.granted), version: doc?.version ?? POLICY_VERSIONS[purpose], at: iso(doc?.at) }
}

async function loadMe(ctx: Ctx): Promise<Me> {
  const user = await findUser(ctx)
  const consents = await findAll<ConsentDoc>(ctx, C.consents, { openid: ctx.openid })
  const roles = await findAll<RoleDoc>(ctx, C.roles, { openid: ctx.openid })
  const residencies = await findAll<ResidencyDoc>(ctx, C.residencies, { openid: ctx.openid, status: ctx.db.command.neq('left') })
  const grants: RoleGrant[] = []
  for (const role of roles) grants.push({ role: role.role, scope: role.scope, scopeName: await scopeName(ctx, role.role, role.scope) })
  const avatarFileId = user?.avatarFileId ?? ''
  // The owner sees their own avatar whatever its review, with the review beside it ("未通过审核" and why).
  const avatarUrl = avatarFileId ? ((await sdk.getTempFileURL({ fileList: [avatarFileId] })).fileList.find((file) => file.status === 0)?.tempFileURL ?? '') : ''
  return {
    nickname: user?.nickname ?? DEFAULT_NICKNAME,
    avatarUrl,
    avatarFileId,
    avatarFolder: avatarFolder(ctx.openid),
    avatarReview: avatarFileId ? ((await imageReviews(ctx, [avatarFileId])).get(avatarFileId) ?? { state: 'pending', label: null }) : null,
    locale: (user?.locale as Me['locale']) ?? null,
    elderMode: user?.elderMode ?? false,
    consents: (['app', 'publish_household', 'health'] as const).map((purpose) =>
      consentState(purpose, consents.find((item) => item.purpose === purpose) ?? null),
    ),
    roles: grants,
    residencies: await describeResidencies(ctx, residencies),
  }
}

/** Collections that hold a person's own records, by the field that names them. */
const PERSONAL: { collection: string; field: string }[] = [
  { collection: C.users, field: '_id' },
  { collection: C.consents, field: 'openid' },
  { collection: C.roles, field: 'openid' },
  { collection: C.residencies, field: 'openid' },
  { collection: C.inviteAttempts, field: 'openid' },
]

/** Whatever the stored file is, it must be an image by its first bytes (the app's own type check is its word only). */
async function requireStoredImage(fileID: string): Promise<void> {
  let content: Buffer
  try {
    content = (await sdk.downloadFile({ fileID })).fileContent
  } catch {
    throw new AppError('INVALID_INPUT', '头像没有上传成功，请重新选择', 'avatarFileId')
  }
  if (content.length === 0 || content.length > PHOTO_MAX_BYTES || !sniffPhotoType(content.subarray(0, 8))) {
    throw new AppError('INVALID_INPUT', '头像只能是 2 MB 以内的 JPG 或 PNG 图片', 'avatarFileId')
  }
}

/** Every stored file the person put there: the avatar, the images they had checked, the photos of entries they made. */
async function filesOf(ctx: Ctx): Promise<{ files: string[]; photoEntries: string[] }> {
  const user = await findUser(ctx)
  const checks = await findAll<MediaCheckDoc>(ctx, C.mediaChecks, { openid: ctx.openid })
  const entries = (await findAll<{ _id: string; photos: string[] }>(ctx, C.fulfilments, { createdBy: ctx.openid })).filter((entry) => entry.photos.length > 0)
  return {
    files: [user?.avatarFileId ?? '', ...checks.map((check) => check.fileID), ...entries.flatMap((entry) => entry.photos)].filter(Boolean),
    photoEntries: entries.map((entry) => entry._id),
  }
}

export const routes = [
  handle(contract.me, async (_input, ctx) => loadMe(ctx)),

  handle(contract.updateProfile, async (input, ctx) => {
    await requireConsent(ctx, 'app')
    // Neighbours and leaders read the nickname beside the person's requests and records.
    if (input.nickname !== undefined) refusePersonalData(input.nickname, 'nickname', '昵称')
    if (input.nickname !== undefined) await checkText(ctx, input.nickname, 'nickname')
    const before = await findUser(ctx)
    const newAvatar = input.avatarFileId !== undefined && input.avatarFileId !== (before?.avatarFileId ?? '') ? input.avatarFileId : null
    if (newAvatar !== null) {
      if (!isAvatarOf(newAvatar, ctx.openid)) throw new AppError('INVALID_INPUT', '头像只能是您自己上传的图片', 'avatarFileId')
      await requireStoredImage(newAvatar)
      // Others see it once WeChat's image check passes (the verdict is pushed later).
      await requestImageCheck(ctx, newAvatar, 'avatar')
    }
    const changes: Partial<UserDoc> = {}
    if (input.nickname !== undefined) changes.nickname = input.nickname
    if (newAvatar !== null) changes.avatarFileId = newAvatar
    if (input.locale !== undefined) changes.locale = input.locale
    if (input.elderMode !== undefined) changes.elderMode = input.elderMode
    if (Object.keys(changes).length > 0) await ctx.db.collection(C.users).doc(ctx.openid).update({ data: changes })
    // The replaced avatar is deleted from storage, not just forgotten.
    if (newAvatar !== null && before?.avatarFileId) await deleteStoredFiles([before.avatarFileId])
    return loadMe(ctx)
  }),

  handle(contract.grantConsent, async (input, ctx) => {
    if (input.version !== POLICY_VERSIONS[input.purpose]) {
      throw new AppError('CONFLICT', '隐私说明已更新，请重新阅读后再同意', 'version')
    }
    // Separate purposes are separate consents (PIPL Art. 14, 29): the others need the app consent first.
    if (input.purpose !== 'app') await requireConsent(ctx, 'app')
    const id = consentId(ctx.openid, input.purpose)
    const existing = await findById<ConsentDoc>(ctx, C.consents, id)
    const entry = { granted: true, version: input.version, at: ctx.now }
    const doc: Omit<ConsentDoc, '_id'> = {
      openid: ctx.openid,
      purpose: input.purpose,
      ...entry,
      history: [...(existing?.history ?? []), entry],
    }
    await ctx.db.collection(C.consents).doc(id).set({ data: doc })
    if (input.purpose === 'app' && !(await findUser(ctx))) {
      const user: Omit<UserDoc, '_id'> = { nickname: DEFAULT_NICKNAME, avatarUrl: '', locale: null, elderMode: false, createdAt: ctx.now }
      await ctx.db.collection(C.users).doc(ctx.openid).set({ data: user })
    }
    return consentState(input.purpose, { _id: id, ...doc })
  }),

  handle(contract.withdrawConsent, async (input, ctx) => {
    const id = consentId(ctx.openid, input.purpose)
    const existing = await findById<ConsentDoc>(ctx, C.consents, id)
    if (!existing?.granted) return consentState(input.purpose, existing)
    const entry = { granted: false, version: existing.version, at: ctx.now }
    // Takes effect at once: every reader checks the consent document itself, nothing caches it.
    await ctx.db.collection(C.consents).doc(id).update({ data: { granted: false, at: ctx.now, history: ctx.db.command.push(entry) } })
    if (input.purpose === 'publish_household') await unpublishFor(ctx, ctx.openid)
    return consentState(input.purpose, { ...existing, ...entry })
  }),

  handle(contract.exportMyData, async (_input, ctx) => {
    const data: Record<string, unknown[]> = {}
    for (const { collection, field } of PERSONAL) {
      data[collection] = await findAll<Record<string, unknown>>(ctx, collection, { [field]: ctx.openid })
    }
    data[C.audit] = await findAll<Record<string, unknown>>(ctx, C.audit, { actor: ctx.openid })
    Object.assign(data, await householdDataOf(ctx, ctx.openid))
    Object.assign(data, await volunteerDataOf(ctx, ctx.openid))
    Object.assign(data, await serviceDataOf(ctx, ctx.openid))
    return { exportedAt: ctx.now.toISOString(), data: JSON.parse(JSON.stringify(data)) as Record<string, unknown[]> }
  }),

  handle(contract.deleteAccount, async (_input, ctx) => {
    // Ids built from the openid (homes, bookings, sign-ups …) that audit entries name, read before those records go.
    const targets = await identifiersOf(ctx, ctx.openid)
    // Their files go from storage: the avatar and every image they had checked (avatars before it, fulfilment photos).
    const { files, photoEntries } = await filesOf(ctx)
    const removed: Record<string, number> = {}
    for (const { collection, field } of PERSONAL) {
      const { stats } = await ctx.db.collection(collection).where({ [field]: ctx.openid }).remove()
      removed[collection] = stats.removed
    }
    // What must be kept for accountability (who approved whom, certified hours) stays, without the person.
    // One pseudonym per deletion, everywhere: tallies and history stay consistent, the person is not named.
    const anonymous = `deleted-${ctx.now.getTime().toString(36)}${randomBytes(3).toString('hex')}`
    const household = await forgetHouseholdData(ctx, ctx.openid, anonymous)
    // Certified volunteer hours are kept under the anonymous name; upcoming places go back to the waitlist.
    const volunteer = await forgetVolunteer(ctx, anonymous)
    for (const { shiftId, openids } of volunteer.promoted) await tellPromoted(ctx, shiftId, openids)
    // Places still held go back to the waitlist; bookings and health readings are removed.
    const service = await forgetServiceData(ctx, ctx.openid)
    // Last: every other record that still names the person (decisions, check-ins, readings taken, grants, audit).
    const elsewhere = await pseudonymise(ctx, ctx.openid, anonymous, targets)
    // The entries stay with the household (anonymised); the photos they carried were the person's and go.
    if (photoEntries.length > 0) {
      const { stats } = await ctx.db.collection(C.fulfilments).where({ _id: ctx.db.command.in(photoEntries) }).update({ data: { photos: [] } })
      removed['fulfilments.photos'] = stats.updated
    }
    removed.files = await deleteStoredFiles(files)
    const checks = await ctx.db.collection(C.mediaChecks).where({ openid: ctx.openid }).remove()
    removed[C.mediaChecks] = checks.stats.removed
    return {
      deleted: true as const,
      anonymised: { [C.audit]: elsewhere[`${C.audit}.actor`] ?? 0, ...elsewhere, ...household.anonymised, ...volunteer.anonymised },
      removed: { ...removed, ...household.removed, ...volunteer.removed, ...service.removed },
    }
  }),
]

export const main = createFunction('account', routes)
