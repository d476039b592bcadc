import * as v from 'valibot'
import { everyone } from './access'
import { defineAction, noInput } from './define'
import { CONSENT_PURPOSES, POLICY_VERSIONS, type ConsentState } from './model'
export { me, updateProfile } from './account.tabs'



export const grantConsent = defineAction<ConsentState>()(
  'account',
  'consent.grant',
  v.object({ purpose: v.picklist(CONSENT_PURPOSES), version: v.pipe(v.string(), v.maxLength(20)) }),
  { roles: everyone, sample: () => ({ purpose: 'app', version: POLICY_VERSIONS.app }) },
)

export const withdrawConsent = defineAction<ConsentState>()(
  'account',
  'consent.withdraw',
  v.object({ purpose: v.picklist(CONSENT_PURPOSES) }),
  { roles: everyone, sample: () => ({ purpose: 'health' }) },
)

/** Everything the app holds about the caller, as one JSON document (PIPL Art. 45). */
export const exportMyData = defineAction<{ exportedAt: string; data: Record<string, unknown[]> }>()('account', 'data.export', noInput, {
  roles: everyone,
  sample: () => ({}),
})

/** PIPL Art. 47. The confirmation word guards against a stray tap. */
export const deleteAccount = defineAction<{ deleted: true; anonymised: Record<string, number>; removed: Record<string, number> }>()(
  'account',
  'account.delete',
  v.object({ confirm: v.literal('DELETE') }),
  // Nothing to delete is still a deletion that succeeded: the newcomer gets ok too.
  { roles: everyone, sample: () => ({ confirm: 'DELETE' }) },
)
