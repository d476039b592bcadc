import Taro from '@tarojs/taro'
import { wellFormedNext } from './nextLink'

export { currentTarget, withNext } from './nextLink'

/**
 * Where a newcomer goes after the privacy agreement and joining (issue 19): the page they opened, such as a shared
 * session. The target travels as `next` through account/privacy and account/join, and is only ever one of the app's
 * own pages — the list below, which next.test.ts holds equal to src/app.config.ts (that file is read
 * at build time only and cannot be imported here) — with a plain query: never a URL of somewhere else. Only privacy and
 * join (packages/account) load this file; the link that sends a person there is ui/nextLink.ts, in the main package.
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

/**
 * The target if it is one of the app's pages with a plain query (`/packages/service/session/index?id=s1`), else null.
 * WeChat and Taro's H5 router hand query values over still encoded, so an encoded target is decoded first.
 */
export function safeNext(raw: string | undefined | null): string | null {
  const target = wellFormedNext(raw)
  return target && APP_PAGES.includes(target.split('?')[0]) ? target : null
}

export function isTabPage(target: string): boolean {
  return (TAB_PAGES as readonly string[]).includes(target.split('?')[0])
}

/** Done with privacy and joining: on to the target, in place of the account page (a tab only opens with switchTab). */
export function goNext(next: string): Promise<unknown> {
  return isTabPage(next) ? Taro.switchTab({ url: next.split('?')[0] }) : Taro.redirectTo({ url: next })
}
