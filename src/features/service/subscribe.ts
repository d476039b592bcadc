import Taro from '@tarojs/taro'
import { SUBSCRIBE_TEMPLATES } from '@contracts/service'
import { acceptOnH5 } from '@/core/devSubscriptions'

export type MessageKind = keyof typeof SUBSCRIBE_TEMPLATES

/**
 * Asks WeChat for one-time subscribe messages. Must be the first thing a tap handler does (WeChat refuses the request
 * once an await has passed). H5 has no WeChat to ask: the tap stands for 允许, recorded with the local runtime (which,
 * like WeChat, sends a message only to someone who accepted it), and the choice is as given once recorded.
 */
export async function askForMessages(kinds: MessageKind[]): Promise<Record<MessageKind, boolean>> {
  const wanted = { reminder: kinds.includes('reminder'), promotion: kinds.includes('promotion') }
  if (process.env.TARO_ENV !== 'weapp') {
    const recorded = await acceptOnH5(kinds.map((kind) => SUBSCRIBE_TEMPLATES[kind]))
    return recorded ? wanted : { reminder: false, promotion: false }
  }
  const tmplIds = kinds.map((kind) => SUBSCRIBE_TEMPLATES[kind])
  try {
    const result = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] })) as unknown as Record<string, string>
    return {
      reminder: wanted.reminder && result[SUBSCRIBE_TEMPLATES.reminder] === 'accept',
      promotion: wanted.promotion && result[SUBSCRIBE_TEMPLATES.promotion] === 'accept',
    }
  } catch {
    // Declined, or the template ids are not configured for this mini-program: the booking stands without messages.
    return { reminder: false, promotion: false }
  }
}
