import Taro from '@tarojs/taro'
import { VOLUNTEER_TEMPLATES } from '@contracts/volunteer'

/**
 * Asks WeChat for the one-time 候补成功 message, for someone joining a shift's waitlist. Must be the first thing the tap
 * handler does (WeChat refuses the request once an await has passed). Only weapp asks: elsewhere nobody was asked, so
 * nothing is allowed and nothing is sent.
 */
export async function askForPromotionNotice(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return false
  const id = VOLUNTEER_TEMPLATES.promotion
  try {
    const result = (await Taro.requestSubscribeMessage({ tmplIds: [id], entityIds: [] })) as unknown as Record<string, string>
    return result[id] === 'accept'
  } catch {
    // Declined, or the template id is not configured for this mini-program: the sign-up stands without the message.
    return false
  }
}
