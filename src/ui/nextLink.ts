import Taro from '@tarojs/taro'

/**
 * The link half of `next` (ui/next.ts), the part the tab pages and every page's status and notice load: the page on
 * screen as a target, sent on to privacy or join. Only its length and that it is a path are checked here: the page on
 * screen is one of the app's pages, and what privacy and join forward they read with safeNext, which the list of pages
 * and the rules of a plain query (ui/next.ts, out of the main package, issue 19) decide before anyone goes anywhere.
 */

/** The pages that carry `next` on; never a target themselves (that would loop). */
export const ACCOUNT_FLOW = ['/packages/account/privacy/index', '/packages/account/join/index']

export const MAX_LENGTH = 300

function decodeOnce(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}

/** A target as sent: decoded when it arrives encoded (WeChat and Taro's H5 router hand query values over still encoded). */
export function decodeTarget(raw: string | undefined | null): string | null {
  if (!raw || raw.length > MAX_LENGTH * 3) return null
  let target: string | null = raw
  for (let round = 0; round < 2 && target && !target.startsWith('/') && target.includes('%'); round += 1) target = decodeOnce(target)
  return target && target.length <= MAX_LENGTH && target.startsWith('/') && !target.startsWith('//') ? target : null
}

interface Router {
  path?: string
  params?: Record<string, string | undefined>
}

/** The page on screen as a target: its path and its own query (not Taro's stamps); on privacy and join, their `next`. */
export function currentTarget(): string | null {
  const router = (Taro.getCurrentInstance?.()?.router ?? null) as Router | null
  if (!router?.path) return null
  const path = `/${router.path.split('?')[0].replace(/^\/+/, '')}`
  const params = router.params ?? {}
  if (ACCOUNT_FLOW.includes(path)) return decodeTarget(params.next)
  const query = Object.entries(params)
    .filter(([key, value]) => typeof value === 'string' && !key.startsWith('$') && key !== 'stamp' && key !== 'next')
    .map(([key, value]) => `${key}=${encodeURIComponent(decodeOnce(value ?? '') ?? '')}`)
    .join('&')
  return decodeTarget(query ? `${path}?${query}` : path)
}

/** An account page (privacy, join) that brings the person back here when they are done. */
export function withNext(url: string, next: string | null = currentTarget()): string {
  return next ? `${url}?next=${encodeURIComponent(next)}` : url
}
