import Taro from '@tarojs/taro'

/**
 * The link half of `next` (ui/next.ts), the part the tab pages and every page's status and notice load: the page on
 * screen as a target, sent on to privacy or join. It checks the target's shape but not that it names one of the app's
 * pages: the page on screen is one, and the list of them (ui/next.ts APP_PAGES) stays out of the main package
 * (issue 19). Privacy and join, the only readers, check the whole of it with safeNext before going anywhere.
 */

/** The pages that carry `next` on; never a target themselves (that would loop). */
export const ACCOUNT_FLOW = ['/packages/account/privacy/index', '/packages/account/join/index']

const MAX_LENGTH = 300
const QUERY_PART = /^[A-Za-z][A-Za-z0-9_]{0,30}=[A-Za-z0-9_.~%-]{0,100}$/

function decodeOnce(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}

/**
 * The target if it has the shape of a page of this app with a plain query (`/packages/service/session/index?id=s1`),
 * else null; safeNext (ui/next.ts) adds that it is one of the app's pages. WeChat and Taro's H5 router hand query values
 * over still encoded, so an encoded target is decoded first.
 */
export function wellFormedNext(raw: string | undefined | null): string | null {
  if (!raw || raw.length > MAX_LENGTH * 3) return null
  let target: string | null = raw
  for (let round = 0; round < 2 && target && !target.startsWith('/') && target.includes('%'); round += 1) target = decodeOnce(target)
  if (!target || target.length > MAX_LENGTH || !target.startsWith('/') || target.startsWith('//')) return null
  const [path, query, ...rest] = target.split('?')
  if (rest.length > 0 || !/^\/[a-z]+(\/[a-z]+)*$/.test(path) || ACCOUNT_FLOW.includes(path)) return null
  if (query === undefined || query === '') return path
  const parts = query.split('&')
  if (!parts.every((part) => QUERY_PART.test(part) && !part.startsWith('next='))) return null
  return `${path}?${parts.join('&')}`
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
  if (ACCOUNT_FLOW.includes(path)) return wellFormedNext(params.next)
  const query = Object.entries(params)
    .filter(([key, value]) => typeof value === 'string' && !key.startsWith('$') && key !== 'stamp' && key !== 'next')
    .map(([key, value]) => `${key}=${encodeURIComponent(decodeOnce(value ?? '') ?? '')}`)
    .join('&')
  return wellFormedNext(query ? `${path}?${query}` : path)
}

/** An account page (privacy, join) that brings the person back here when they are done. */
export function withNext(url: string, next: string | null = currentTarget()): string {
  return next ? `${url}?next=${encodeURIComponent(next)}` : url
}
