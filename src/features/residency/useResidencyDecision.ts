import { useState } from 'react'
import * as community from '@contracts/community'
import type { PendingResidency } from '@contracts/model'
import { call, newRequestId } from '@/core/api'
import { errorCode } from '@/ui/errors'

export type DecisionOutcome = { approve: boolean; item: PendingResidency } | { stale: true } | { error: unknown; id: string }

/**
 * Deciding a pending residency (residency.decide), for the leader's queue and a household member's requests alike:
 * which request is being sent, which refusal waits for its second tap, and how the last decision ended. A CONFLICT
 * means someone else (another leader, a family member) decided first: the list is out of date, not the person's fault.
 */
export function useResidencyDecision(reload: () => Promise<unknown>) {
  const [busy, setBusy] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null)

  async function decide(item: PendingResidency, approve: boolean) {
    setBusy(item.id)
    setConfirming(null)
    setOutcome(null)
    try {
      await call(community.decideResidency, { residencyId: item.id, approve }, newRequestId())
      setOutcome({ approve, item })
      await reload()
    } catch (caught) {
      if (errorCode(caught) === 'CONFLICT') {
        setOutcome({ stale: true })
        await reload()
      } else setOutcome({ error: caught, id: item.id })
    } finally {
      setBusy(null)
    }
  }

  return { busy, confirming, setConfirming, outcome, decide }
}
