import type { Me } from '../../cloud/contracts/model'
import { chinaDay } from '../../cloud/domain/time'
import { freshCommunity, invoke, ok, snapshot } from './harness'

/**
 * Every entry point where a person writes text others read refuses a phone number, however it is disguised, with
 * INVALID_INPUT, a Chinese message, and nothing written: the household's display name and intro (which go live
 * without review once the household is verified), pledges, fulfilment notes, the nickname and the volunteer's name.
 */
const NOW = new Date()
const TODAY = chinaDay(NOW)
const WANG = 'ltsc-1-1-601'

beforeEach(async () => {
  await freshCommunity(NOW)
})

/** One mobile, one landline, written as people hiding them do. */
const DISGUISED = [
  '１３８００１３８０００',
  '138\u200b0013\u200b8000',
  '138/0013/8000',
  '（０２１）５７６８－１２３４',
  '一三八〇〇一三八〇〇〇',
  '021、5768、1234',
]

async function refusedWithNothingWritten(fn: 'household' | 'account' | 'volunteer', openid: string, action: string, input: Record<string, unknown>, field: string) {
  const before = await snapshot()
  const result = await invoke(fn, openid, action, input)
  if (result.ok) throw new Error(`${fn}.${action} accepted ${JSON.stringify(input)}`)
  expect(result.error.code).toBe('INVALID_INPUT')
  expect(result.error.field).toBe(field)
  expect(result.error.message).toMatch(/电话号码/)
  expect(await snapshot()).toBe(before)
}

describe.each(DISGUISED)('a phone number written %j', (phone) => {
  it('is refused in a household’s display name and intro, applying and editing', async () => {
    await refusedWithNothingWritten('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-502', displayName: `502李家${phone}` }, 'displayName')
    await refusedWithNothingWritten('household', 'demo-resident', 'apply', { householdId: 'ltsc-1-1-502', displayName: '502 李家', intro: `有事打${phone}` }, 'intro')
    await refusedWithNothingWritten('household', 'demo-party', 'profile.update', { householdId: WANG, displayName: `601王家${phone}`, intro: '' }, 'displayName')
    await refusedWithNothingWritten('household', 'demo-party', 'profile.update', { householdId: WANG, displayName: '601 王家', intro: `随时来敲门 ${phone}` }, 'intro')
  })

  it('is refused in a pledge and a fulfilment note', async () => {
    await refusedWithNothingWritten('household', 'demo-party', 'pledge.save', { householdId: WANG, category: 'other', text: `帮邻居修电器，电话${phone}` }, 'text')
    await refusedWithNothingWritten('household', 'demo-party', 'fulfilment.add', { householdId: WANG, day: TODAY, note: `清扫楼道，有事找我${phone}` }, 'note')
  })

  it('is refused in a nickname and a volunteer’s name', async () => {
    await refusedWithNothingWritten('account', 'demo-resident', 'profile.update', { nickname: `李阿姨${phone}` }, 'nickname')
    await refusedWithNothingWritten('volunteer', 'demo-volunteer', 'profile.update', { name: `小陈${phone}` }, 'name')
  })
})

it('nicknames and volunteer names with ordinary numbers are kept as written', async () => {
  const me = await ok<Me>('account', 'demo-resident', 'profile.update', { nickname: '3号楼 1203 李阿姨' })
  expect(me.nickname).toBe('3号楼 1203 李阿姨')
  const profile = await ok<{ name: string }>('volunteer', 'demo-volunteer', 'profile.update', { name: '小陈（12月6日起）' })
  expect(profile.name).toBe('小陈（12月6日起）')
})

it('a nickname with an e-mail or a WeChat id is refused too, in words that say which', async () => {
  const result = await invoke('account', 'demo-resident', 'profile.update', { nickname: '加微信 li1968' })
  expect(result.ok ? null : result.error).toMatchObject({ code: 'INVALID_INPUT', field: 'nickname', message: expect.stringMatching(/^昵称里不能有微信号/) })
})
