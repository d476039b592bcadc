/**
 * The account actions the weapp tab pages call, in a file of their own (issue 19): a page's import brings its whole
 * module into the main package, so the actions only subpackage pages call stay in ./account.ts, which re-exports these.
 */
import * as v from 'valibot'
import { consented, everyone } from './access'
import { defineAction, noInput, text } from './define'
import { LOCALES, type Me } from './model'

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
