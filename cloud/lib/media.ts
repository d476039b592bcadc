import { createHash } from 'node:crypto'
import { AppError } from '../contracts/envelope'
import type { MediaReview } from '../contracts/model'
import type { Database } from '../types/database'
import { C } from './collections'
import { findAll } from './docs'
import type { Ctx } from './router'
import { sdk } from './sdk'

/**
 * Every image others will see (an avatar, a fulfilment photo) goes through WeChat's image check,
 * security.mediaCheckAsync (version 2, media type 2). Its answer is only a `trace_id`; the verdict arrives later as a
 * `wxa_media_check` message pushed to a cloud function (the environment's message push names it; every function built
 * with createFunction accepts it). One document per check, keyed by the trace id, holds pending → pass / review / risky;
 * readers show an image to anyone but its owner only once its latest check passed, and tell the owner why it did not.
 */
export type MediaUse = 'avatar' | 'fulfilment'

/** WeChat's scenes: 1 资料 (a profile), 4 社交日志 (a household's public log). */
const SCENE: Record<MediaUse, 1 | 2 | 3 | 4> = { avatar: 1, fulfilment: 4 }

export interface MediaCheckDoc {
  _id: string
  fileID: string
  openid: string
  use: MediaUse
  status: MediaReview['state']
  label: number | null
  at: Date
  decidedAt: Date | null
}

/** Asks WeChat to check one stored image; refuses (nothing further is written) when the check cannot be asked. */
export async function requestImageCheck(ctx: Ctx, fileID: string, use: MediaUse): Promise<void> {
  let traceId: string
  try {
    const { fileList } = await sdk.getTempFileURL({ fileList: [fileID] })
    const url = fileList[0]?.status === 0 ? fileList[0].tempFileURL : ''
    if (!url) throw new Error(`no temporary URL for ${fileID}`)
    const answer = await sdk.openapi.security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, scene: SCENE[use], openid: ctx.openid })
    traceId = answer.traceId
    if (!traceId) throw new Error('mediaCheckAsync answered without a trace id')
  } catch (error) {
    console.error('[mediaCheckAsync]', error)
    throw new AppError('INTERNAL', '图片检查暂时不可用，请稍后再试')
  }
  // The push may already have come (it can overtake this write): it then left the verdict under the same id.
  const early = (await findAll<MediaCheckDoc>(ctx, C.mediaChecks, { _id: traceId, fileID: '' }))[0]
  const doc: Omit<MediaCheckDoc, '_id'> = {
    fileID,
    openid: ctx.openid,
    use,
    status: early?.status ?? 'pending',
    label: early?.label ?? null,
    at: ctx.now,
    decidedAt: early?.decidedAt ?? null,
  }
  await ctx.db.collection(C.mediaChecks).doc(traceId).set({ data: doc })
}

/** The latest check of each image, by file id; an image without one has not passed. */
export async function imageReviews(ctx: Ctx, fileIDs: readonly string[]): Promise<Map<string, MediaReview>> {
  const out = new Map<string, MediaReview>()
  if (fileIDs.length === 0) return out
  const docs = await findAll<MediaCheckDoc>(ctx, C.mediaChecks, { fileID: ctx.db.command.in([...new Set(fileIDs)]) })
  docs.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
  for (const doc of docs) out.set(doc.fileID, { state: doc.status, label: doc.label })
  return out
}

export function passed(reviews: Map<string, MediaReview>, fileID: string): boolean {
  return reviews.get(fileID)?.state === 'pass'
}

/** What WeChat pushes when an asynchronous check is done (only the fields read here). */
export interface MediaCheckPush {
  MsgType?: string
  Event: 'wxa_media_check'
  trace_id: string
  result?: { suggest?: string; label?: number }
  isrisky?: number
}

export function isMediaCheckPush(event: unknown): event is MediaCheckPush {
  if (typeof event !== 'object' || event === null) return false
  const push = event as Record<string, unknown>
  return push.Event === 'wxa_media_check' && !('action' in push)
}

/**
 * A push comes from WeChat, never from the app: a call the app makes carries the caller's OPENID and a client source.
 * Such a call is refused as an unknown action, so a resident cannot pass their own image.
 */
export function fromClient(context: { OPENID?: string; SOURCE?: string }): boolean {
  if (!context.OPENID) return false
  return !context.SOURCE || /^wx_(client|devtools|http)/.test(context.SOURCE)
}

/** Stores a pushed verdict on the check it answers; a trace id we never asked about, or one already decided, changes nothing. */
export async function receiveMediaCheck(db: Database, push: MediaCheckPush, now: Date): Promise<{ traceId: string; status: MediaReview['state'] | null }> {
  const traceId = typeof push.trace_id === 'string' ? push.trace_id.slice(0, 128) : ''
  if (!traceId) return { traceId, status: null }
  const suggest = push.result?.suggest ?? (push.isrisky === 1 ? 'risky' : push.isrisky === 0 ? 'pass' : undefined)
  const status: MediaReview['state'] | null = suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : null
  if (!status) return { traceId, status: null }
  const label = typeof push.result?.label === 'number' ? push.result.label : null
  const { stats } = await db.collection(C.mediaChecks).where({ _id: traceId, status: 'pending' }).update({ data: { status, label, decidedAt: now } })
  if (stats.updated > 0) return { traceId, status }
  const { data } = await db.collection(C.mediaChecks).where({ _id: traceId }).limit(1).get()
  if (data.length > 0) return { traceId, status: null }
  // Ahead of our own write: kept without a file, requestImageCheck takes the verdict over.
  const early: Omit<MediaCheckDoc, '_id'> = { fileID: '', openid: '', use: 'fulfilment', status, label, at: now, decidedAt: now }
  await db.collection(C.mediaChecks).add({ data: { _id: traceId, ...early } }).catch(() => undefined)
  return { traceId, status }
}

/** Removes stored files (an avatar replaced, the files of a deleted account); a file already gone is not an error. */
export async function deleteStoredFiles(fileIDs: readonly string[]): Promise<number> {
  const ids = [...new Set(fileIDs.filter((id) => id.startsWith('cloud://')))]
  let deleted = 0
  for (let start = 0; start < ids.length; start += 50) {
    const { fileList } = await sdk.deleteFile({ fileList: ids.slice(start, start + 50) })
    deleted += fileList.filter((file) => file.status === 0).length
  }
  return deleted
}

/**
 * Each person's avatars live in a folder of their own, named by a digest of their openid (the app learns it from
 * account.me; the openid itself never leaves the cloud). The storage rules let a person write only files they own;
 * this folder check lets the profile name only files in the caller's folder.
 */
export function avatarFolder(openid: string): string {
  return `avatars/${createHash('sha256').update(`avatar:${openid}`).digest('hex').slice(0, 24)}/`
}

const AVATAR_FILE_ID = /^cloud:\/\/([A-Za-z0-9][A-Za-z0-9._-]{0,127})\/avatars\/([0-9a-f]{24})\/([A-Za-z0-9_-]{1,64})\.(jpg|jpeg|png)$/

/** The whole file id, anchored (as isPhotoOf): `cloud://<env>/avatars/<the caller's folder>/<one name>.jpg|png`. */
export function isAvatarOf(fileID: string, openid: string): boolean {
  const match = AVATAR_FILE_ID.exec(fileID)
  return match !== null && `avatars/${match[2]}/` === avatarFolder(openid) && !fileID.includes('..')
}
