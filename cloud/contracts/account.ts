import * as v from 'valibot'
import { consented, everyone } from './access'
import { defineAction, noInput, text } from './define'
import { CONSENT_PURPOSES, LOCALES, POLICY_VERSIONS, type ConsentState, type Me } from './model'

export const me = defineAction<Me>()('account', 'me', noInput, { roles: everyone, sample: () => ({}) })

export const updateProfile = defineAction<Me>()(
  'account',
  'profile.update',
  v.object({
    nickname: v.optional(text(20)),
    // A file uploaded to the caller's own avatar folder (me.avatarFolder), never a link to anywhere else.
    avatarFileId: v.optional(v.pipe(v.string(), v.maxLength(300), v.regex(/^cloud:\/\//))),
    locale: v.optional(v.picklist(LOCALES)),
    elderMode: v.optional(v.boolean()),
  }),
  { roles: consented, sample: () => ({ nickname: '邻居', locale: 'zh-CN', elderMode: true }) },
)

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
