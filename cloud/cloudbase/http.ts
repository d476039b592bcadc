import http from 'node:http'
import { CloudBaseError } from './errors'

/**
 * The wire: what @cloudbase/node-sdk's request layer sends to a `serviceUrl` (utils/tcbapirequester.ts). Every call is
 * a POST to `<serviceUrl>?env=…&seqId=…` with a TC3 `authorization` header (not checked here: there is no secret
 * to check it against) and a JSON body naming the `action`; `wx.openApi` alone is multipart/form-data. Answers are
 * HTTP 200 with JSON — `{ code, message }` for a refusal — except wx.openApi's, which are protobuf bytes.
 */
export const MAX_BODY_BYTES = 20 * 1024 * 1024

export function readBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new CloudBaseError('INVALID_PARAM', `request body larger than ${limit} bytes`))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The fields of a multipart/form-data body, each kept as raw bytes (requestData is protobuf, not text). */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const fields = new Map<string, Buffer>()
  if (!boundary) return fields
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`)
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    const partStart = start + delimiter.length
    if (body.subarray(partStart, partStart + 2).toString() === '--') break
    const next = body.indexOf(delimiter, partStart)
    if (next === -1) break
    const part = body.subarray(partStart + 2, next - 2)
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd !== -1) {
      const name = /name="([^"]*)"/i.exec(part.subarray(0, headerEnd).toString('utf8'))?.[1]
      if (name !== undefined) fields.set(name, part.subarray(headerEnd + 4))
    }
    start = next
  }
  return fields
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

export function sendBytes(res: http.ServerResponse, status: number, contentType: string, bytes: Buffer | string): void {
  const body = typeof bytes === 'string' ? Buffer.from(bytes) : bytes
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length })
  res.end(body)
}

/** `/admin` or `/admin/<functionName>`: the function a call came from, when the runtime gave it its own serviceUrl. */
export function callerOf(pathname: string): { ok: boolean; functionName: string | null } {
  if (pathname === '/admin') return { ok: true, functionName: null }
  const match = /^\/admin\/([A-Za-z0-9_-]{1,60})$/.exec(pathname)
  return match ? { ok: true, functionName: match[1] } : { ok: false, functionName: null }
}
