import Taro from '@tarojs/taro'

/**
 * Where a newcomer goes after the privacy agreement and joining (issue 19): the page they opened, such as a shared
 * session. The target travels as `next` through account/privacy and account/join, and is only ever one of the app's
 * own pages — the list below, which next.test.ts holds equal to src/app.config.ts (that file is read
 * at build time only and cannot be imported here) — with a plain query: never a URL of somewhere else.
 */
export const TAB_PAGES = ['/pages/home/index', '/pages/building/index', '/pages/services/index', '/pages/volunteer/index', '/pages/me/index'] as const

export const APP_PAGES: readonly string[] = [
  ...TAB_PAGES,
  ...['privacy/index', 'join/index', 'data/index', 'profile/index', 'requests/index'].map((page) => `/packages/account/${page}`),
  ...['index', 'queue/index', 'invites/index', 'audit/index', 'buildings/index', 'import/index', 'residents/index', 'people/index', 'dashboard/index', 'exports/index'].map(
    (page) => `/packages/manage/${page}`,
  ),
  ...['card/index', 'apply/index', 'mine/index', 'review/index', 'coverage/index'].map((page) => `/packages/household/${page}`),
  ...['session/index', 'mine/index', 'roster/index', 'create/index', 'readings/index'].map((page) => `/packages/service/${page}`),
  ...['shift/index', 'team/index', 'mine/index', 'certificate/index', 'lead/index', 'roster/index', 'create/index', 'admin/index'].map(
    (page) => `/packages/volunteer/${page}`,
  ),
]

/** The pages that carry `next` on; never a target themselves (that would loop). */
const ACCOUNT_FLOW = ['/packages/account/privacy/index', '/packages/account/join/index']

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
 * The target if it is one of the app's pages with a plain query (`/packages/service/session/index?id=s1`), else null.
 * WeChat and Taro's H5 router hand query values over still encoded, so an encoded target is decoded first.
 */
export function safeNext(raw: string | undefined | null): string | null {
  if (!raw || raw.length > MAX_LENGTH * 3) return null
  let target: string | null = raw
  for (let round = 0; round < 2 && target && !target.startsWith('/') && target.includes('%'); round += 1) target = decodeOnce(target)
  if (!target || target.length > MAX_LENGTH || !target.startsWith('/') || target.startsWith('//')) return null
  const [path, query, ...rest] = target.split('?')
  if (rest.length > 0 || !APP_PAGES.includes(path) || ACCOUNT_FLOW.includes(path)) return null
  if (query === undefined || query === '') return path
  const parts = query.split('&')
  if (!parts.every((part) => QUERY_PART.test(part) && !part.startsWith('next='))) return null
  return `${path}?${parts.join('&')}`
}

export function isTabPage(target: string): boolean {
  return (TAB_PAGES as readonly string[]).includes(target.split('?')[0])
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
  if (ACCOUNT_FLOW.includes(path)) return safeNext(params.next)
  const query = Object.entries(params)
    .filter(([key, value]) => typeof value === 'string' && !key.startsWith('$') && key !== 'stamp' && key !== 'next')
    .map(([key, value]) => `${key}=${encodeURIComponent(decodeOnce(value ?? '') ?? '')}`)
    .join('&')
  return safeNext(query ? `${path}?${query}` : path)
}

/** An account page (privacy, join) that brings the person back here when they are done. */
export function withNext(url: string, next: string | null = currentTarget()): string {
  return next ? `${url}?next=${encodeURIComponent(next)}` : url
}

/** Done with privacy and joining: on to the target, in place of the account page (a tab only opens with switchTab). */
export function goNext(next: string): Promise<unknown> {
  return isTabPage(next) ? Taro.switchTab({ url: next.split('?')[0] }) : Taro.redirectTo({ url: next })
}
