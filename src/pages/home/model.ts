import type { Me, ResidencySummary } from '@contracts/model'
import { hasAgreed, verifiedHomes } from '@/core/session'

export interface HomeCards {
  /** The person has not agreed to the current privacy policy: explain what we collect first. */
  askPrivacy: boolean
  /** No verified home yet: the building view and building services stay closed until one is bound. */
  askHome: boolean
  /** Requests waiting for the building leader, so the person knows the request arrived. */
  pending: ResidencySummary[]
}

/** Which cards the home page shows, in order of what unlocks the rest of the app. */
export function homeCards(me: Me): HomeCards {
  return {
    askPrivacy: !hasAgreed(me),
    askHome: verifiedHomes(me).length === 0,
    pending: me.residencies.filter((home) => home.status === 'pending'),
  }
}
