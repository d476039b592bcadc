import { AppError } from '../contracts/envelope'
import { findPersonalData, type PersonalDataKind } from '../domain/household'
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

const PERSONAL_DATA_WORDS: Record<PersonalDataKind, string> = {
  phone: '电话号码',
  id_number: '证件号码',
  contact: '微信号、邮箱或链接等联系方式',
}

/**
 * Names others read (a nickname, a volunteer's name) carry no contact details, by the same rule as the household
 * pages (`findPersonalData`: full-width digits, invisible characters and separators hide nothing). Refused before
 * anything is written, with the label of the field in the message: "昵称里不能有电话号码".
 */
export function refusePersonalData(text: string, field: string, label: string): void {
  const found = findPersonalData(text)
  if (found) throw new AppError('INVALID_INPUT', `${label}里不能有${PERSONAL_DATA_WORDS[found]}，邻居有事会当面联系`, field)
}
