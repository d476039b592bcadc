import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { refuse } from './errors'

/**
 * Cloud storage in a local folder. The SDK uploads in two steps (@cloudbase/node-sdk storage/index.ts): it asks
 * `storage.getUploadMetadata` for a signed URL and the file's id, then PUTs the bytes to that URL. A file exists only
 * after that upload. Temporary URLs (`storage.batchGetDownloadUrl`, also what downloadFile fetches) are signed and
 * expire as the cloud's do; fileIDs have the cloud's form `cloud://<env>.<bucket>/<path>`.
 */
export interface StorageOptions {
  env: string
  bucket: string
  /** The folder files live in; null keeps them in memory (tests). */
  dir: string | null
  /** The server's own address, for the URLs it hands out. */
  baseUrl: () => string
  /**
   * Where temporary download URLs point (default `<baseUrl>/storage/files/`): a local runtime serves them under its
   * own `/files/` and answers them with `download`.
   */
  downloadBase?: () => string
}

export const UPLOAD_PREFIX = '/storage/upload/'
export const DOWNLOAD_PREFIX = '/storage/files/'
const DEFAULT_MAX_AGE_S = 86_400

export class StorageService {
  private readonly secret = randomBytes(16)
  private readonly memory = new Map<string, Buffer>()

  constructor(private readonly options: StorageOptions) {
    if (options.dir) fs.mkdirSync(options.dir, { recursive: true })
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.options.env}.${this.options.bucket}/${cloudPath}`
  }

  /** The cloud path of a fileID of this environment, or null for anything else. */
  pathOf(fileID: string): string | null {
    const prefix = `cloud://${this.options.env}.${this.options.bucket}/`
    if (!fileID.startsWith(prefix)) return null
    const cloudPath = fileID.slice(prefix.length)
    return safePath(cloudPath) ? cloudPath : null
  }

  getUploadMetadata(body: { path?: unknown }): Record<string, unknown> {
    const cloudPath = typeof body.path === 'string' ? body.path.replace(/^\/+/, '') : ''
    if (!safePath(cloudPath)) throw refuse.invalidParam(`invalid cloudPath: ${String(body.path)}`)
    const expires = Math.floor(Date.now() / 1000) + 600
    const url = `${this.options.baseUrl()}${UPLOAD_PREFIX}${encodePath(cloudPath)}?expires=${expires}&sign=${this.sign('put', cloudPath, expires)}`
    return { data: { url, token: 'local', authorization: 'local', fileId: this.fileId(cloudPath), cosFileId: cloudPath, download_url: url } }
  }

  batchGetDownloadUrl(body: { file_list?: unknown }): Record<string, unknown> {
    if (!Array.isArray(body.file_list)) throw refuse.invalidParam('file_list must be an array')
    const downloadList = body.file_list.map((item: { fileid?: unknown; max_age?: unknown }) => {
      const fileID = String(item?.fileid ?? '')
      const maxAge = typeof item?.max_age === 'number' && item.max_age > 0 ? item.max_age : DEFAULT_MAX_AGE_S
      const cloudPath = this.pathOf(fileID)
      if (cloudPath === null || !this.exists(cloudPath)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist', maxAge }
      const expires = Math.floor(Date.now() / 1000) + maxAge
      const base = this.options.downloadBase ? this.options.downloadBase() : `${this.options.baseUrl()}${DOWNLOAD_PREFIX}`
      const tempFileURL = `${base}${encodePath(cloudPath)}?expires=${expires}&sign=${this.sign('get', cloudPath, expires)}`
      return { fileID, tempFileURL, code: 'SUCCESS', maxAge }
    })
    return { data: { download_list: downloadList } }
  }

  batchDeleteFile(body: { fileid_list?: unknown }): Record<string, unknown> {
    if (!Array.isArray(body.fileid_list)) throw refuse.invalidParam('fileid_list must be an array')
    const deleteList = body.fileid_list.map((fileID: unknown) => {
      const cloudPath = this.pathOf(String(fileID))
      if (cloudPath === null || !this.exists(cloudPath)) return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' }
      this.remove(cloudPath)
      return { fileID, code: 'SUCCESS' }
    })
    return { data: { delete_list: deleteList } }
  }

  /** PUT to a URL from getUploadMetadata. Answers COS's way: 200 and an empty body, or 403 with an XML error. */
  upload(urlPath: string, query: URLSearchParams, bytes: Buffer): { status: number; body: string } {
    const cloudPath = this.verify('put', decodePath(urlPath.slice(UPLOAD_PREFIX.length)), query)
    if (cloudPath === null) return { status: 403, body: cosError('SignatureDoesNotMatch', 'The upload URL is invalid or has expired') }
    this.write(cloudPath, bytes)
    return { status: 200, body: '' }
  }

  /** GET of a temporary URL: the bytes, or null when the URL is forged, expired or the file is gone. */
  download(urlPath: string, query: URLSearchParams, prefix = DOWNLOAD_PREFIX): Buffer | null {
    if (!urlPath.startsWith(prefix)) return null
    const cloudPath = this.verify('get', decodePath(urlPath.slice(prefix.length)), query)
    if (cloudPath === null || !this.exists(cloudPath)) return null
    return this.options.dir ? fs.readFileSync(path.join(this.options.dir, cloudPath)) : (this.memory.get(cloudPath) ?? null)
  }

  /** The cloud paths stored now (tests: no file of a deleted person remains). */
  paths(): string[] {
    if (!this.options.dir) return [...this.memory.keys()]
    const root = this.options.dir
    return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(root, name)).isFile()).map((name) => name.split(path.sep).join('/')) : []
  }

  /** In memory only: the files now, to put back later (tests). */
  memorySnapshot(): ReadonlyMap<string, Buffer> {
    return new Map(this.memory)
  }

  restoreMemory(files: ReadonlyMap<string, Buffer>): void {
    this.memory.clear()
    for (const [cloudPath, bytes] of files) this.memory.set(cloudPath, bytes)
  }

  exists(cloudPath: string): boolean {
    return this.options.dir ? fs.existsSync(path.join(this.options.dir, cloudPath)) : this.memory.has(cloudPath)
  }

  private write(cloudPath: string, bytes: Buffer): void {
    if (!this.options.dir) {
      this.memory.set(cloudPath, bytes)
      return
    }
    const target = path.join(this.options.dir, cloudPath)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, bytes)
  }

  private remove(cloudPath: string): void {
    if (this.options.dir) fs.rmSync(path.join(this.options.dir, cloudPath), { force: true })
    else this.memory.delete(cloudPath)
  }

  private sign(method: string, cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${method}\n${cloudPath}\n${expires}`).digest('hex')
  }

  private verify(method: string, cloudPath: string, query: URLSearchParams): string | null {
    const expires = Number(query.get('expires'))
    const given = Buffer.from(query.get('sign') ?? '', 'hex')
    const wanted = Buffer.from(this.sign(method, cloudPath, expires), 'hex')
    if (!safePath(cloudPath) || !Number.isFinite(expires) || expires < Date.now() / 1000) return null
    return given.length === wanted.length && timingSafeEqual(given, wanted) ? cloudPath : null
  }
}

/** A relative path inside the bucket: no empty, `.` or `..` segments, no backslashes or NULs. */
function safePath(cloudPath: string): boolean {
  if (!cloudPath || cloudPath.length > 850 || /[\\\0]/.test(cloudPath)) return false
  return cloudPath.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

function encodePath(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/')
}

function decodePath(urlPath: string): string {
  try {
    return urlPath.split('/').map(decodeURIComponent).join('/')
  } catch {
    return ''
  }
}

function cosError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`
}
