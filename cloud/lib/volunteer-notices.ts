import type { Locale } from '../contracts/model'
import { VOLUNTEER_TEMPLATES } from '../contracts/volunteer'
import { chinaDay, chinaTime } from '../domain/time'
import { findUser } from './auth'
import { C } from './collections'
import { findById } from './docs'
import { notify } from './notify'
import type { Ctx } from './router'
import { signupId, type ShiftDoc, type SignupDoc } from './volunteer'

/** Where the message opens: the shift itself, where the person sees their place and checks in. */
const SHIFT_PAGE = 'packages/volunteer/shift/index'

/** 候补成功 for one person: only if they allowed it on their sign-up tap and still hold the place. */
async function sendPromotionNotice(ctx: Ctx, shift: ShiftDoc, openid: string): Promise<boolean> {
  const signup = await findById<SignupDoc>(ctx, C.signups, signupId(shift._id, openid))
  if (signup?.status !== 'confirmed' || signup.subscribe !== true) return false
  const user = await findUser(ctx, openid)
  const start = new Date(shift.startAt)
  return notify(ctx, {
    touser: openid,
    templateId: VOLUNTEER_TEMPLATES.promotion,
    page: `${SHIFT_PAGE}?id=${encodeURIComponent(shift._id)}`,
    // The template's time keyword takes 'YYYY-MM-DD HH:mm'; China time, as the person reads a clock.
    data: { thing1: shift.title, time2: `${chinaDay(start)} ${chinaTime(start)}`, phrase3: '候补成功', thing4: shift.place },
    locale: (user?.locale as Locale | null | undefined) ?? null,
  })
}

/**
 * Tells the people a freed place went to (releasePlace's answer), after the promotion is committed. Never throws: the
 * places stand whatever WeChat, or the lookups before it, answer. Returns how many messages went out.
 */
export async function tellPromoted(ctx: Ctx, shiftId: string, openids: string[]): Promise<number> {
  let sent = 0
  for (const openid of openids) {
    try {
      const shift = await findById<ShiftDoc>(ctx, C.shifts, shiftId)
      if (shift && (await sendPromotionNotice(ctx, shift, openid))) sent++
    } catch (error) {
      console.error('[volunteer promotion notice]', error)
    }
  }
  return sent
}
