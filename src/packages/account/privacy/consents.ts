import { CONSENT_PURPOSES, POLICY_VERSIONS, type ConsentPurpose, type ConsentState } from '@contracts/model'

/**
 * never: not asked yet; granted: agreed to the current policy; outdated: agreed to an older policy text, which counts
 * as not agreed until agreed again (the server checks the version too); withdrawn: agreed once, then withdrew.
 */
export type ConsentStatus = 'never' | 'granted' | 'outdated' | 'withdrawn'

export type ConsentAction = 'grant' | 'withdraw'

export interface ConsentRow {
  purpose: ConsentPurpose
  status: ConsentStatus
  /** The version the person last answered, or the current one if never asked. */
  version: string
  currentVersion: string
  /** ISO time of the latest grant or withdrawal; null if never asked. */
  at: string | null
  /** What the card offers, main action first. */
  actions: ConsentAction[]
  /** The separate purposes build on the app consent: they cannot be granted before it (the server refuses too). */
  needsApp: boolean
}

export function consentStatus(consent: ConsentState | undefined): ConsentStatus {
  // The server answers every purpose; one never answered comes back not granted and without a time.
  if (!consent || (!consent.granted && !consent.at)) return 'never'
  if (!consent.granted) return 'withdrawn'
  return consent.version === POLICY_VERSIONS[consent.purpose] ? 'granted' : 'outdated'
}

const ACTIONS: Record<ConsentStatus, ConsentAction[]> = {
  never: ['grant'],
  withdrawn: ['grant'],
  granted: ['withdraw'],
  // Still on record under the old text, so withdrawing must stay possible while agreeing to the new one is offered.
  outdated: ['grant', 'withdraw'],
}

/** One row per purpose, always in the same order, whatever the server returned. */
export function consentRows(consents: readonly ConsentState[]): ConsentRow[] {
  const appGranted = consentStatus(consents.find((item) => item.purpose === 'app')) === 'granted'
  return CONSENT_PURPOSES.map((purpose) => {
    const consent = consents.find((item) => item.purpose === purpose)
    const status = consentStatus(consent)
    return {
      purpose,
      status,
      version: consent?.version ?? POLICY_VERSIONS[purpose],
      currentVersion: POLICY_VERSIONS[purpose],
      at: consent?.at ? consent.at : null,
      actions: ACTIONS[status],
      needsApp: purpose !== 'app' && !appGranted && ACTIONS[status].includes('grant'),
    }
  })
}
