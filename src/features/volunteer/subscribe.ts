import Taro from '@tarojs/taro'
import { VOLUNTEER_TEMPLATES } from '@contracts/volunteer'
import { acceptOnH5 } from '@/core/devSubscriptions'

/**
 * Asks WeChat for the one-time 候补成功 message, for someone joining a shift's waitlist. Must be the first thing the tap
 * handler does (WeChat refuses the request once an await has passed). H5 has no WeChat to ask: the tap stands for
 * 允许, recorded with the local runtime (which, like WeChat, sends the message only to someone who accepted it).
 */
export async function askForPromotionNotice(): Promise<boolean> {
  const id = VOLUNTEER_TEMPLATES.promotion
  if (process.env.TARO_ENV !== 'weapp') return acceptOnH5([id])
  try {
    const result = (await Taro.requestSubscribeMessage({ tmplIds: [id], entityIds: [] })) as unknown as Record<string, string>
    return result[id] === 'accept'
  } catch {
    // Declined, or the template id is not configured for this mini-program: the sign-up stands without the message.
    return false
  }
}
