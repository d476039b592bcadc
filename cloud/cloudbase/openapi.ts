import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Doc } from './ejson'
import type { DocumentStore } from './store'

/**
 * `wx.openApi` (云调用), the one action that is not JSON: wx-server-sdk posts multipart/form-data with `apiName` and
 * `requestData`, a protobuf `CommApiData` whose `openapiData.pairs` hold each top-level parameter as JSON (keys in
 * snake_case). It expects a protobuf `CommOpenApiResp` back: `errorCode` for the platform's refusals (-604101: the
 * function did not declare this API in its config.json), else `respData` with WeChat's JSON answer, whose non-zero
 * `errcode` the SDK raises as the error's `errCode`. The message definitions are the ones bundled in wx-server-sdk.
 */
export const OPENAPI_NO_PERMISSION = -604101
export const OPENAPI_NOT_FOUND = -604100
/** subscribeMessage.send to someone with no unused acceptance of the template (never accepted, or all used). */
export const SUBSCRIBE_REFUSED = 43101

/** The ledger of one-time subscriptions, for counters(): acceptances recorded, sends that used one, sends refused 43101. */
export interface SubscriptionCounters {
  accepted: number
  used: number
  refused: number
}

interface ProtoType<T> {
  encode(message: T): { finish(): Uint8Array }
  decode(bytes: Uint8Array): T
}

interface KeyValuePair {
  key: string
  value: Uint8Array
}

interface CommApiData {
  apiType?: number
  openapiData?: { pairs?: KeyValuePair[] } | null
  appid?: string
}

interface CommOpenApiResp {
  respData?: Uint8Array
  contentType?: string
  errorCode?: number
  httpCode?: number
}

interface Messages {
  CommApiData: ProtoType<CommApiData>
  CommOpenApiResp: ProtoType<CommOpenApiResp>
}

let messages: Messages | null = null

/** wx-server-sdk registers its compiled definitions in protobufjs's default root when it loads. */
function openApiMessages(): Messages {
  if (messages) return messages
  const sdkRequire = createRequire(require.resolve('wx-server-sdk'))
  sdkRequire('wx-server-sdk')
  const protobuf = createRequire(path.join(path.dirname(require.resolve('wx-server-sdk')), 'index.js'))('protobufjs/minimal') as {
    roots: Record<string, Partial<Messages>>
  }
  const root = protobuf.roots.default
  if (!root?.CommApiData || !root.CommOpenApiResp) throw new Error('wx-server-sdk did not register its openapi protobuf messages')
  messages = { CommApiData: root.CommApiData, CommOpenApiResp: root.CommOpenApiResp }
  return messages
}

/** The parameters of one call, as the function passed them (after the SDK's camelCase → snake_case). */
export function decodeRequestData(bytes: Uint8Array): Record<string, unknown> {
  const data = openApiMessages().CommApiData.decode(bytes)
  const out: Record<string, unknown> = {}
  for (const pair of data.openapiData?.pairs ?? []) {
    const text = Buffer.from(pair.value).toString('utf8')
    try {
      out[pair.key] = JSON.parse(text)
    } catch {
      out[pair.key] = text
    }
  }
  return out
}

export function encodeResponse(answer: { errorCode: number } | { json: Record<string, unknown> }): Buffer {
  const message: CommOpenApiResp =
    'errorCode' in answer
      ? { errorCode: answer.errorCode, httpCode: 200 }
      : { respData: Buffer.from(JSON.stringify(answer.json)), contentType: 'application/json', errorCode: 0, httpCode: 200 }
  return Buffer.from(openApiMessages().CommOpenApiResp.encode(message).finish())
}

export interface OpenApiOptions {
  /** The openapi names each function declares in its config.json (`permissions.openapi`); undefined = not a known function. */
  permissions: (functionName: string) => readonly string[] | undefined
  /** Subscribe-message templates: template id → its keyword keys (`thing1`, `time2`, …). Unknown ids are refused when given. */
  subscribeTemplates?: Readonly<Record<string, readonly string[]>>
  /** Words the local content check calls risky. */
  riskyWords?: readonly string[]
  /** The bytes behind a media URL this server handed out (a temporary file URL), or null. */
  fetchMedia?: (url: string) => Buffer | null
  /** Delivers a message push (`wxa_media_check`) to a function a moment later, as WeChat's message push does. */
  push?: (functionName: string, event: Record<string, unknown>) => void
  /** The function the environment's message push names; default the function that asked for the check. */
  messagePushFunction?: string
}

/** Bytes that make the local image check call an image risky (tests append them to a real PNG). */
export const RISKY_IMAGE_MARKER = 'LINLITING-RISKY-IMAGE'

/**
 * The local stand-in for WeChat's content model: it cannot run here, so a word list covers the categories the cloud
 * refuses (gambling, drugs, pornography, fraud, weapons) and the refusal path is exercised end to end.
 */
export const DEFAULT_RISKY_WORDS = ['赌博', '博彩', '毒品', '冰毒', '色情', '裸聊', '诈骗', '刷单', '枪支', '办证', 'gambling', 'casino', 'cocaine', 'porn']

export class OpenApiService {
  readonly subscriptionCounters: SubscriptionCounters = { accepted: 0, used: 0, refused: 0 }

  constructor(
    private readonly store: DocumentStore,
    private readonly options: OpenApiOptions,
  ) {}

  /** Answers one call from `functionName` (null when the caller came in on `/admin` without naming itself). */
  handle(functionName: string | null, apiName: string, requestData: Uint8Array): Buffer {
    const declared = functionName ? this.options.permissions(functionName) : undefined
    if (!declared || !declared.includes(apiName)) return encodeResponse({ errorCode: OPENAPI_NO_PERMISSION })
    const params = decodeRequestData(requestData)
    switch (apiName) {
      case 'security.msgSecCheck':
        return encodeResponse({ json: this.msgSecCheck(functionName as string, params) })
      case 'security.mediaCheckAsync':
        return encodeResponse({ json: this.mediaCheckAsync(functionName as string, params) })
      case 'subscribeMessage.send':
        return encodeResponse({ json: this.subscribeMessageSend(functionName as string, params) })
      default:
        return encodeResponse({ errorCode: OPENAPI_NOT_FOUND })
    }
  }

  /**
   * What wx.requestSubscribeMessage records when the person taps 允许 for these templates: one more send of each.
   * An unknown template id is refused, as WeChat's dialog refuses it (when the server knows its templates).
   */
  acceptSubscription(openid: string, templateIds: readonly string[]): void {
    if (typeof openid !== 'string' || openid === '') throw new Error('acceptSubscription: an openid is needed')
    const templates = this.options.subscribeTemplates
    for (const id of templateIds) {
      if (typeof id !== 'string' || id === '') throw new Error('acceptSubscription: a template id is needed')
      if (templates && !templates[id]) throw new Error(`acceptSubscription: no such template ${id}`)
    }
    for (const id of templateIds) {
      this.store.acceptSubscription(openid, id)
      this.subscriptionCounters.accepted++
    }
  }

  private msgSecCheck(functionName: string, params: Record<string, unknown>): Record<string, unknown> {
    const { content, version, scene, openid } = params
    if (typeof content !== 'string') return wxError(47001, 'data format error: content')
    if (version === 2 || version === '2') {
      if (typeof openid !== 'string' || openid === '') return wxError(40003, 'invalid openid')
      if (![1, 2, 3, 4].includes(Number(scene))) return wxError(47001, 'data format error: scene')
    }
    const lower = content.toLowerCase()
    const hit = (this.options.riskyWords ?? DEFAULT_RISKY_WORDS).find((word) => lower.includes(word.toLowerCase()))
    const suggest = hit ? 'risky' : 'pass'
    const label = hit ? 20001 : 100
    this.store.appendOutbox({ kind: 'msgSecCheck', function: functionName, payload: { content: content.slice(0, 200), openid, suggest }, at: new Date() })
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0, ...(hit ? { keyword: hit } : {}) }],
      trace_id: `local-${Date.now()}`,
    }
  }

  /**
   * Acknowledges with a trace id only; the verdict (an image whose bytes carry RISKY_IMAGE_MARKER, or that cannot be
   * fetched, is risky) is pushed later to the message-push function as WeChat's `wxa_media_check` event.
   */
  private mediaCheckAsync(functionName: string, params: Record<string, unknown>): Record<string, unknown> {
    const { media_url: url, media_type: type, version, scene, openid } = params
    if (typeof url !== 'string' || url === '') return wxError(47001, 'data format error: media_url')
    if (Number(type) !== 1 && Number(type) !== 2) return wxError(47001, 'data format error: media_type')
    if (Number(version) !== 2) return wxError(47001, 'data format error: version')
    if (typeof openid !== 'string' || openid === '') return wxError(40003, 'invalid openid')
    if (![1, 2, 3, 4].includes(Number(scene))) return wxError(47001, 'data format error: scene')
    const traceId = `local-${randomBytes(8).toString('hex')}`
    const bytes = this.options.fetchMedia?.(url) ?? null
    const risky = bytes === null || bytes.includes(RISKY_IMAGE_MARKER)
    const suggest = risky ? 'risky' : 'pass'
    const label = risky ? 20002 : 100
    this.store.appendOutbox({ kind: 'mediaCheckAsync', function: functionName, payload: { mediaUrl: url.split('?')[0], scene: Number(scene), openid, traceId, suggest }, at: new Date() })
    this.options.push?.(this.options.messagePushFunction ?? functionName, {
      ToUserName: 'gh_local',
      FromUserName: 'local-push-service',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx-local-app',
      trace_id: traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: risky ? 90 : 0 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
    })
    return { errcode: 0, errmsg: 'ok', trace_id: traceId }
  }

  private subscribeMessageSend(functionName: string, params: Record<string, unknown>): Record<string, unknown> {
    const { touser, template_id: templateId, page, data, miniprogram_state: state, lang } = params
    if (typeof touser !== 'string' || touser === '') return wxError(40003, 'invalid openid')
    if (typeof templateId !== 'string' || templateId === '') return wxError(40037, 'invalid template_id')
    const templates = this.options.subscribeTemplates
    const keys = templates ? templates[templateId] : undefined
    if (templates && !keys) return wxError(40037, `invalid template_id: ${templateId}`)
    if (state !== undefined && !['developer', 'trial', 'formal'].includes(String(state))) return wxError(47003, 'argument invalid! miniprogram_state')
    if (page !== undefined && (typeof page !== 'string' || page.length > 1024)) return wxError(41030, 'invalid page')
    const problem = checkSubscribeData(data, keys)
    if (problem) return wxError(47003, `argument invalid! ${problem}`)
    // One-time subscribe messages: each 允许 allows one send of that template to that person, and they add up.
    if (!this.store.useSubscription(touser, templateId)) {
      this.subscriptionCounters.refused++
      return wxError(SUBSCRIBE_REFUSED, 'user refuse to accept the msg')
    }
    this.subscriptionCounters.used++
    this.store.appendOutbox({
      kind: 'subscribeMessage',
      function: functionName,
      payload: { touser, templateId, page: page ?? null, data: data as Doc, miniprogramState: state ?? 'formal', lang: lang ?? 'zh_CN' },
      at: new Date(),
    })
    return { errcode: 0, errmsg: 'ok', msgid: Date.now() }
  }
}

function wxError(errcode: number, errmsg: string): Record<string, unknown> {
  return { errcode, errmsg }
}

const HAN = /\p{Script=Han}/u
const DATE = String.raw`(\d{4})(?:年(\d{1,2})月(\d{1,2})日|[-/](\d{1,2})[-/](\d{1,2}))`
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?`

function validDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)
}

function validClock(hours: string, minutes: string, seconds: string | undefined): boolean {
  return Number(hours) < 24 && Number(minutes) < 60 && (seconds === undefined || Number(seconds) < 60)
}

/** One point of a `time` (clock, optionally after a date) or `date` (date, optionally with a clock) keyword. */
function validPoint(text: string, kind: 'time' | 'date'): boolean {
  const match = new RegExp(kind === 'time' ? `^(?:${DATE}\\s*)?${TIME}$` : `^${DATE}(?:\\s*${TIME})?$`).exec(text.trim())
  if (!match) return false
  const [, year, cnMonth, cnDay, month, day, hours, minutes, seconds] = match
  if (year && !validDate(year, cnMonth ?? month, cnDay ?? day)) return false
  return hours === undefined || validClock(hours, minutes, seconds)
}

/**
 * WeChat's keyword rules for subscribe messages (the table in subscribeMessage.send's documentation): each key is a
 * type plus a number, each value a non-empty string within its type's length and characters.
 */
export function checkSubscribeData(data: unknown, templateKeys?: readonly string[]): string | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'data must be an object'
  const entries = Object.entries(data as Record<string, unknown>)
  if (templateKeys) {
    const unknown = entries.map(([key]) => key).filter((key) => !templateKeys.includes(key))
    if (unknown.length) return `data.${unknown[0]} is not a keyword of the template`
    const missing = templateKeys.filter((key) => !(key in (data as object)))
    if (missing.length) return `data.${missing[0]} is missing`
  }
  for (const [key, item] of entries) {
    const value = (item as { value?: unknown } | null)?.value
    if (typeof value !== 'string' || value.trim() === '') return `data.${key}.value is empty`
    const kind = /^([a-z_]+?)\d+$/.exec(key)?.[1]
    const chars = [...value]
    const fail = `data.${key}.value invalid`
    switch (kind) {
      case 'thing':
        if (chars.length > 20) return `${fail}: thing is at most 20 characters`
        break
      case 'number':
        if (chars.length > 32 || !/^-?\d+(\.\d+)?$/.test(value)) return `${fail}: number is at most 32 digits`
        break
      case 'letter':
        if (chars.length > 32 || !/^[A-Za-z]+$/.test(value)) return `${fail}: letter is at most 32 letters`
        break
      case 'symbol':
        if (chars.length > 5 || /[\p{L}\p{N}]/u.test(value)) return `${fail}: symbol is at most 5 symbols`
        break
      case 'character_string':
        if (chars.length > 32 || HAN.test(value) || /\s/.test(value)) return `${fail}: character_string is at most 32 digits, letters or symbols`
        break
      case 'time':
      case 'date':
        if (!value.split('~').every((point) => validPoint(point, kind))) return `${fail}: not a valid ${kind}`
        break
      case 'amount':
        if (!/^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(value)) return `${fail}: amount is a currency sign and at most 10 digits`
        break
      case 'phone_number':
        if (chars.length > 17 || !/^[\d+\-() ]+$/.test(value)) return `${fail}: phone_number is at most 17 digits or symbols`
        break
      case 'car_number':
        if (chars.length > 8) return `${fail}: car_number is at most 8 characters`
        break
      case 'name':
        if (HAN.test(value) ? chars.length > 10 : chars.length > 20 || /\d/.test(value)) {
          return `${fail}: name is at most 10 Chinese characters or 20 letters`
        }
        break
      case 'phrase':
        if (chars.length > 5 || !chars.every((char) => HAN.test(char))) return `${fail}: phrase is at most 5 Chinese characters`
        break
      default:
        return `data.${key} is not a known keyword type`
    }
  }
  return null
}
