import type { CloudBase } from '../cloudbase'
import { SUBSCRIBE_TEMPLATES } from '../contracts/service'
import { VOLUNTEER_TEMPLATES } from '../contracts/volunteer'
import { C } from '../lib/collections'

/**
 * The 允许 taps behind the seeded records: a seeded booking or sign-up that allows messages was made after its person
 * accepted those templates in wx.requestSubscribeMessage, which WeChat (here the local server's ledger) remembers, one
 * send each. Without them the demo's reminders and promotion notices would be refused 43101, as WeChat would.
 */
export function acceptSeededSubscriptions(cloudbase: Pick<CloudBase, 'documents' | 'acceptSubscription'>): void {
  for (const booking of cloudbase.documents(C.bookings)) {
    const openid = booking.openid
    const subscribe = booking.subscribe as { reminder?: boolean; promotion?: boolean } | undefined
    if (typeof openid !== 'string' || !subscribe) continue
    const accepted = [...(subscribe.reminder ? [SUBSCRIBE_TEMPLATES.reminder] : []), ...(subscribe.promotion ? [SUBSCRIBE_TEMPLATES.promotion] : [])]
    if (accepted.length) cloudbase.acceptSubscription(openid, accepted)
  }
  for (const signup of cloudbase.documents(C.signups)) {
    if (typeof signup.openid === 'string' && signup.subscribe === true) cloudbase.acceptSubscription(signup.openid, [VOLUNTEER_TEMPLATES.promotion])
  }
}
