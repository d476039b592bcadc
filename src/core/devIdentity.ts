import Taro from '@tarojs/taro'

/**
 * H5 only (the local runtime, for development and demos): who this browser is. In WeChat every caller has an OPENID;
 * here a first visit makes its own (`h5-` and 16 random letters), kept in Taro storage so it survives a reload, and the
 * runtime accepts it in its dev identity header. 我的 → 演示用户 may act as a seeded demo resident instead and come back.
 * Everything here is reached only behind `process.env.TARO_ENV === 'h5'`, so the weapp build drops it.
 */
const OWN_KEY = 'linliting.devOpenid.own'
const DEMO_KEY = 'linliting.devOpenid'
/** What the runtime accepts as an identity (cloud/runtime/server.ts). */
const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

function read(key: string): string | null {
  const value: unknown = Taro.getStorageSync(key)
  return typeof value === 'string' && OPENID_PATTERN.test(value) ? value : null
}

function randomLetters(count: number): string {
  const bytes = new Uint8Array(count)
  const crypto = globalThis.crypto
  if (crypto && typeof crypto.getRandomValues === 'function') crypto.getRandomValues(bytes)
  else for (let i = 0; i < count; i++) bytes[i] = Math.floor(Math.random() * 256)
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('')
}

/** This browser's own identity, made on the first visit. */
export function ownIdentity(): string {
  const saved = read(OWN_KEY)
  if (saved) return saved
  const made = `h5-${randomLetters(16)}`
  Taro.setStorageSync(OWN_KEY, made)
  return made
}

/** The demo resident chosen in 我的, or null when acting as oneself. */
export function demoIdentity(): string | null {
  return read(DEMO_KEY)
}

/** Null goes back to this browser's own identity. */
export function chooseDemoIdentity(openid: string | null): void {
  if (openid) Taro.setStorageSync(DEMO_KEY, openid)
  else Taro.removeStorageSync(DEMO_KEY)
}

/** Who calls the cloud: the chosen demo resident, else this browser's own identity. */
export function currentIdentity(): string {
  return demoIdentity() ?? ownIdentity()
}
