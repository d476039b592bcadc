import type { Locale } from '../contracts/model'
import type { Ctx } from './router'
import { sdk } from './sdk'

/** WeChat's field limits for one-time subscribe messages, by the template field's kind (thing1, time2 …). */
const LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, letter: 32, symbol: 5 }

export function fitField(key: string, value: string): string {
  const limit = LIMITS[key.replace(/\d+$/, '')]
  const chars = [...value]
  if (limit === undefined || chars.length <= limit) return value
  return `${chars.slice(0, limit - 1).join('')}…`
}

/** Subscribe messages exist only in Chinese and English: ko and ja readers get English. */
export function messageLang(locale: Locale | null | undefined): 'zh_CN' | 'en_US' {
  return locale === 'zh-CN' || !locale ? 'zh_CN' : 'en_US'
}

/**
 * Sends a one-time subscribe message (the person tapped to allow it). A refusal from WeChat (no permission left,
 * user blocked it) must not undo the booking or sign-up that triggered it, so failures are logged, not thrown.
 */
export async function notify(
  _ctx: Ctx,
  message: { touser: string; templateId: string; page: string; data: Record<string, string>; locale?: Locale | null },
): Promise<boolean> {
  const data: Record<string, { value: string }> = {}
  for (const [key, value] of Object.entries(message.data)) data[key] = { value: fitField(key, value) }
  try {
    const result = await sdk.openapi.subscribeMessage.send({ touser: message.touser, templateId: message.templateId, page: message.page, data, lang: messageLang(message.locale), miniprogramState: MINIPROGRAM_STATE })
    return result.errCode === 0
  } catch (error) {
    console.error('[subscribeMessage]', error)
    return false
  }
}
