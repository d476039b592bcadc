import { AppError } from '../contracts/envelope'
import type { Ctx } from './router'
import { sdk } from './sdk'

/**
 * Every piece of user text that others will read passes WeChat's content security check (security.msgSecCheck v2);
 * the local runtime answers with its own check. Risky or unreviewable text is refused and nothing is written.
 */
export async function checkText(ctx: Ctx, text: string, field: string): Promise<void> {
  if (!text.trim()) return
  let suggest: string
  try {
    const result = await sdk.openapi.security.msgSecCheck({ content: text, version: 2, scene: 2, openid: ctx.openid })
    suggest = result.result.suggest
  } catch (error) {
    console.error('[msgSecCheck]', error)
    throw new AppError('INTERNAL', '内容检查暂时不可用，请稍后再试')
  }
  if (suggest !== 'pass') throw new AppError('CONTENT_RISKY', '内容未通过安全检查，请修改后再提交', field)
}
