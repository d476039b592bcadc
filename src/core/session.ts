import Taro from '@tarojs/taro'
import { create } from 'zustand'
import * as account from '@contracts/account'
import type { Me } from '@contracts/model'
import { POLICY_VERSIONS } from '@contracts/model'
import { call, CloudError } from './api'
import { currentIdentity } from './devIdentity'

/**
 * The last `account.me` answer, kept in storage so that a cold start draws 首页 (the person's name, homes and
 * buildings) at once and refreshes behind it (issue 19). WeChat keeps each user's storage apart; in the H5 demo one
 * browser plays several people, so the entry names whose it is and another identity ignores it.
 */
const CACHE_KEY = 'linliting.session'

function whoami(): string {
  return process.env.TARO_ENV === 'h5' ? currentIdentity() : ''
}

function cachedMe(): Me | null {
  try {
    const saved: unknown = Taro.getStorageSync(CACHE_KEY)
    if (!saved || typeof saved !== 'object') return null
    const { who, me } = saved as { who?: unknown; me?: unknown }
    return who === whoami() && me && typeof me === 'object' && Array.isArray((me as Me).residencies) ? (me as Me) : null
  } catch {
    return null
  }
}

/** Who the caller is (profile, consents, roles, homes), shared by every tab; refreshed after anything that changes it. */
interface SessionState {
  me: Me | null
  /** True once `me` came from the cloud in this run (false while it is the copy kept from the last run). */
  fresh: boolean
  loading: boolean
  failed: boolean
  /** Why the last refresh failed (no identity, offline, time-out, server error), for the page to say so. */
  error: CloudError | null
  refresh(): Promise<Me | null>
}

export const useSession = create<SessionState>((set) => ({
  // The copy from the last run, drawn until the launch's refresh answers.
  me: cachedMe(),
  fresh: false,
  loading: false,
  failed: false,
  error: null,
  async refresh() {
    set({ loading: true })
    try {
      const me = await call(account.me, {})
      set({ me, fresh: true, loading: false, failed: false, error: null })
      return me
    } catch (caught) {
      set({ loading: false, failed: true, error: caught instanceof CloudError ? caught : new CloudError('INTERNAL', String(caught)) })
      return null
    }
  },
}))

// Every answer (a refresh, or a page that stores what an update returned) becomes the copy the next start draws; a
// deleted account (me set to null) leaves none behind.
useSession.subscribe((state, previous) => {
  if (state.me === previous.me) return
  try {
    if (!state.me) Taro.removeStorageSync(CACHE_KEY)
    else if (state.fresh) Taro.setStorageSync(CACHE_KEY, { who: whoami(), me: state.me })
  } catch {
    // Storage full or unavailable: the next start waits for the cloud, as before.
  }
})

export function hasAgreed(me: Me | null): boolean {
  const consent = me?.consents.find((item) => item.purpose === 'app')
  return Boolean(consent?.granted && consent.version === POLICY_VERSIONS.app)
}

export function verifiedHomes(me: Me | null) {
  return me?.residencies.filter((item) => item.status === 'verified') ?? []
}

export function isManager(me: Me | null): boolean {
  return (me?.roles.length ?? 0) > 0
}
