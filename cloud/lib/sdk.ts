import wxServerSdk from 'wx-server-sdk'
import type { Database } from '../types/database'

/**
 * The part of wx-server-sdk our functions use, typed once here (its database in cloud/types/database.ts). It is the
 * real SDK everywhere: in WeChat's cloud (the deployable bundles keep `wx-server-sdk` external) and locally, where the
 * runtime and the tests run the same package against the local CloudBase server (cloud/cloudbase/).
 */
export interface WxContext {
  OPENID?: string
  APPID?: string
  UNIONID?: string
  ENV?: string
  /** Who started the call: `wx_client`/`wx_devtools` for the app, others for WeChat's pushes and function calls. */
  SOURCE?: string
}

export interface SubscribeMessage {
  touser: string
  templateId: string
  page?: string
  /** WeChat's field limits apply: thing ≤ 20 chars, time/date formatted strings, phrase ≤ 5 chars. */
  data: Record<string, { value: string }>
  miniprogramState?: 'developer' | 'trial' | 'formal'
  lang?: 'zh_CN' | 'en_US'
}

export interface MsgSecCheckInput {
  content: string
  version: 2
  scene: 1 | 2 | 3 | 4
  openid: string
}

export interface MsgSecCheckResult {
  errCode: number
  result: { suggest: 'pass' | 'review' | 'risky'; label: number }
}

/** security.mediaCheckAsync v2: the answer only acknowledges; the verdict comes later as a `wxa_media_check` push. */
export interface MediaCheckAsyncInput {
  mediaUrl: string
  /** 2: an image. */
  mediaType: 2
  version: 2
  scene: 1 | 2 | 3 | 4
  openid: string
}

export interface MediaCheckAsyncResult {
  errCode: number
  traceId: string
}

export interface CloudSdk {
  DYNAMIC_CURRENT_ENV: symbol | string
  init(options?: { env?: unknown }): void
  database(): Database
  getWXContext(): WxContext
  openapi: {
    subscribeMessage: { send(message: SubscribeMessage): Promise<{ errCode: number }> }
    security: {
      msgSecCheck(input: MsgSecCheckInput): Promise<MsgSecCheckResult>
      mediaCheckAsync(input: MediaCheckAsyncInput): Promise<MediaCheckAsyncResult>
    }
  }
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  getTempFileURL(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number }[] }>
  /** The stored bytes of a file: how a function checks what a client uploaded straight to storage. */
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number }[] }>
}

export const sdk = wxServerSdk as unknown as CloudSdk
sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
