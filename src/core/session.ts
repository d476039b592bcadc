import { create } from 'zustand'
import * as account from '@contracts/account'
import type { Me } from '@contracts/model'
import { POLICY_VERSIONS } from '@contracts/model'
import { call, CloudError } from './api'

/** Who the caller is (profile, consents, roles, homes), shared by every tab; refreshed after anything that changes it. */
interface SessionState {
  me: Me | null
  loading: boolean
  failed: boolean
  /** Why the last refresh failed (no identity, offline, time-out, server error), for the page to say so. */
  error: CloudError | null
  refresh(): Promise<Me | null>
}

export const useSession = create<SessionState>((set) => ({
  me: null,
  loading: false,
  failed: false,
  error: null,
  async refresh() {
    set({ loading: true })
    try {
      const me = await call(account.me, {})
      set({ me, loading: false, failed: false, error: null })
      return me
    } catch (caught) {
      set({ loading: false, failed: true, error: caught instanceof CloudError ? caught : new CloudError('INTERNAL', String(caught)) })
      return null
    }
  },
}))

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
