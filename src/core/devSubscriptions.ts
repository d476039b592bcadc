import { currentIdentity } from './devIdentity'

/**
 * H5 only (the local runtime): what wx.requestSubscribeMessage's 允许 does in WeChat. The runtime's CloudBase server,
 * like WeChat, refuses a subscribe message (43101) to someone who has not accepted its template once per message, so
 * the person's yes is recorded there for the identity the cloud calls carry. True once recorded; false when the
 * runtime could not be told (then no message would reach the outbox, so none is promised).
 */
export async function acceptOnH5(templateIds: string[]): Promise<boolean> {
  if (templateIds.length === 0) return true
  try {
    const response = await fetch('/dev/subscriptions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Linliting-Dev': '1', 'X-Dev-Openid': currentIdentity() },
      body: JSON.stringify({ templateIds }),
    })
    return response.ok
  } catch {
    return false
  }
}
