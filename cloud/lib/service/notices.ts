import type { Locale } from '../../contracts/model'
import { SUBSCRIBE_TEMPLATES } from '../../contracts/service'
import { chinaDay, chinaTime } from '../../domain/time'
import { findUser } from '../auth'
import { C } from '../collections'
import { findById } from '../docs'
import { notify } from '../notify'
import type { Ctx } from '../router'
import type { BookingDoc, ServiceTypeDoc, SessionDoc } from './docs'

/** Where a message opens: 我的预约, where the person sees the booking and its code. */
const MINE_PAGE = 'packages/service/mine/index'

async function context(ctx: Ctx, booking: BookingDoc) {
  const session = await findById<SessionDoc>(ctx, C.serviceSessions, booking.sessionId)
  const type = session ? await findById<ServiceTypeDoc>(ctx, C.services, session.typeId) : null
  const user = booking.openid ? await findUser(ctx, booking.openid) : null
  const locale = (user?.locale as Locale | null | undefined) ?? null
  const start = new Date(booking.slotStartsAt)
  return {
    session,
    type,
    locale,
    name: type ? (locale === 'zh-CN' || !locale ? type.name['zh-CN'] : (type.name.en ?? type.name['zh-CN'])) : '便民服务',
    // The template's time keyword takes 'YYYY-MM-DD HH:mm'; China time, as the person reads a clock.
    time: `${chinaDay(start)} ${chinaTime(start)}`,
  }
}

/** 候补成功: only if the person allowed this message on their tap; the booking stands whatever WeChat answers. */
export async function sendPromotionNotice(ctx: Ctx, booking: BookingDoc): Promise<boolean> {
  if (!booking.openid || !booking.subscribe.promotion) return false
  const { session, name, time, locale } = await context(ctx, booking)
  return notify(ctx, {
    touser: booking.openid,
    templateId: SUBSCRIBE_TEMPLATES.promotion,
    page: MINE_PAGE,
    data: { thing1: name, time2: time, phrase3: '候补成功', thing4: session?.place ?? '' },
    locale,
  })
}

/** 预约提醒 before the slot, with what to bring. */
export async function sendReminder(ctx: Ctx, booking: BookingDoc): Promise<boolean> {
  if (!booking.openid || !booking.subscribe.reminder) return false
  const { session, type, name, time, locale } = await context(ctx, booking)
  const bring = type?.bring['zh-CN'].trim()
  return notify(ctx, {
    touser: booking.openid,
    templateId: SUBSCRIBE_TEMPLATES.reminder,
    page: MINE_PAGE,
    data: { thing1: name, time2: time, thing3: session?.place ?? '', thing4: bring ? `请带上${bring}` : `预约码 ${booking.code}` },
    locale,
  })
}
