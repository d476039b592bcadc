import { randomBytes } from 'node:crypto'
import type http from 'node:http'
import { photoFolder, PHOTO_MAX_BYTES, sniffPhotoType } from '../domain/household'
import { residencyId } from '../lib/auth'
import { C } from '../lib/collections'
import type { CloudSdk } from '../lib/sdk'

/**
 * `POST /upload?householdId=…` — the H5 stand-in for `wx.cloud.uploadFile`, dev mode only. A fulfilment photo goes
 * into the household's folder of the local CloudBase server's storage (through the real SDK), the same folder the weapp uploads to, so the household
 * function's rule (photos only from the household's own folder) is the same on both. Checked here: the caller is a
 * verified resident of the household, the body is at most 2 MB, and its first bytes say JPEG or PNG.
 */
export const UPLOAD_PATH = '/upload'

type Send = (res: http.ServerResponse, status: number, body: unknown) => void

function readBytes(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > max) {
        tooLarge = true
        chunks.length = 0
        return
      }
      if (!tooLarge) chunks.push(chunk)
    })
    // Read to the end even when too large, so the client gets our answer instead of a reset connection.
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, openid: string, sdk: CloudSdk, send: Send): Promise<void> {
  const db = sdk.database()
  const householdId = url.searchParams.get('householdId') ?? ''
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(householdId)) return send(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'householdId missing', field: 'householdId' } })
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > PHOTO_MAX_BYTES) return send(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: '照片不能超过 2 MB', field: 'photo' } })
  const { total } = await db.collection(C.residencies).where({ _id: residencyId(openid, householdId), status: 'verified' }).count()
  if (total === 0) return send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '只有本户已认证的居民可以上传本户的照片' } })
  const body = await readBytes(req, PHOTO_MAX_BYTES)
  if (!body) return send(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: '照片不能超过 2 MB', field: 'photo' } })
  const type = sniffPhotoType(body.subarray(0, 8))
  if (!type || body.length === 0) return send(res, 415, { ok: false, error: { code: 'INVALID_INPUT', message: '只能上传 JPG 或 PNG 照片', field: 'photo' } })
  const cloudPath = `${photoFolder(householdId)}${Date.now().toString(36)}-${randomBytes(6).toString('hex')}.${type === 'image/png' ? 'png' : 'jpg'}`
  try {
    const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: body })
    send(res, 200, { ok: true, data: { fileID } })
  } catch (error) {
    send(res, 503, { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } })
  }
}
