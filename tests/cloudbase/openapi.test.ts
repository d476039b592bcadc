import { checkSubscribeData } from '../../cloud/cloudbase'
import { failure, localCloud, type Local } from './harness'

let local: Local

beforeEach(async () => {
  local = await localCloud({
    functions: {
      service: { permissions: { openapi: ['subscribeMessage.send', 'security.msgSecCheck'] } },
      household: {},
    },
    subscribeTemplates: { TPL_BOOKED: ['thing1', 'time2', 'phrase3'] },
  })
})
afterEach(() => local.cloudbase.close())

const message = (data: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  touser: 'o-resident',
  templateId: 'TPL_BOOKED',
  page: 'pages/index/index',
  miniprogramState: 'developer',
  data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, { value }])),
  ...extra,
})

describe('permissions (config.json permissions.openapi)', () => {
  test('an undeclared openapi call fails with -604101, and nothing is sent', async () => {
    const household = local.sdkFor('household')
    const error = await failure(household.openapi.security.msgSecCheck({ content: 'hi', version: 2, scene: 2, openid: 'o' }))
    expect(error.errCode).toBe(-604101)
    expect(error.message).toContain('error code: -604101')
    const anonymous = local.sdkFor()
    expect((await failure(anonymous.openapi.subscribeMessage.send(message({ thing1: '磨刀', time2: '15:00', phrase3: '已预约' })))).errCode).toBe(-604101)
    expect(local.cloudbase.outbox()).toEqual([])
  })
})

describe('security.msgSecCheck', () => {
  test('passes ordinary text and calls the word list risky; each check lands in the outbox', async () => {
    const service = local.sdkFor('service')
    const ok = await service.openapi.security.msgSecCheck({ content: '周六上午磨刀', version: 2, scene: 2, openid: 'o1' })
    expect(ok).toMatchObject({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'pass', label: 100 } })
    expect(ok.traceId).toMatch(/^local-/)
    const risky = await service.openapi.security.msgSecCheck({ content: '线上赌博', version: 2, scene: 2, openid: 'o1' })
    expect(risky.result).toEqual({ suggest: 'risky', label: 20001 })
    const noOpenid = await failure(service.openapi.security.msgSecCheck({ content: 'x', version: 2, scene: 2 }))
    expect(noOpenid.errCode).toBe(40003)
    expect(local.cloudbase.outbox().map((entry) => [entry.kind, (entry.payload as { suggest: string }).suggest])).toEqual([
      ['msgSecCheck', 'pass'],
      ['msgSecCheck', 'risky'],
    ])
  })
})

describe('subscribeMessage.send', () => {
  test('a valid message is sent into the outbox with its template, receiver and data', async () => {
    const service = local.sdkFor('service')
    local.cloudbase.acceptSubscription('o-resident', ['TPL_BOOKED'])
    const sent = await service.openapi.subscribeMessage.send(message({ thing1: '磨刀 · 1号楼', time2: '2027年3月1日 15:00', phrase3: '已预约' }))
    expect(sent).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
    const [entry] = local.cloudbase.outbox()
    expect(entry).toMatchObject({
      kind: 'subscribeMessage',
      function: 'service',
      payload: { touser: 'o-resident', templateId: 'TPL_BOOKED', page: 'pages/index/index', miniprogramState: 'developer', data: { thing1: { value: '磨刀 · 1号楼' } } },
    })
    expect(entry.at).toBeInstanceOf(Date)
  })

  test.each([
    ['a thing over 20 characters', { thing1: '一二三四五六七八九十一二三四五六七八九十一', time2: '15:00', phrase3: '已预约' }, 'thing is at most 20 characters'],
    ['a phrase over 5 Chinese characters', { thing1: '磨刀', time2: '15:00', phrase3: '已经预约成功' }, 'phrase is at most 5 Chinese characters'],
    ['a phrase that is not Chinese', { thing1: '磨刀', time2: '15:00', phrase3: 'ok' }, 'phrase is at most 5 Chinese characters'],
    ['a malformed time', { thing1: '磨刀', time2: '25:00', phrase3: '已预约' }, 'not a valid time'],
    ['an impossible date in a time', { thing1: '磨刀', time2: '2027年2月30日 15:00', phrase3: '已预约' }, 'not a valid time'],
    ['an empty value', { thing1: '', time2: '15:00', phrase3: '已预约' }, 'data.thing1.value is empty'],
    ['a key the template does not have', { thing1: '磨刀', time2: '15:00', phrase3: '已预约', thing4: 'x' }, 'data.thing4 is not a keyword of the template'],
    ['a missing keyword', { thing1: '磨刀', time2: '15:00' }, 'data.phrase3 is missing'],
  ])('refuses %s with 47003', async (_name, data, reason) => {
    const error = await failure(local.sdkFor('service').openapi.subscribeMessage.send(message(data)))
    expect(error.errCode).toBe(47003)
    expect(error.message).toContain(reason)
    expect(local.cloudbase.outbox()).toEqual([])
  })

  test('a refused message uses no acceptance: the person may still be sent a valid one', async () => {
    local.cloudbase.acceptSubscription('o-resident', ['TPL_BOOKED'])
    expect((await failure(local.sdkFor('service').openapi.subscribeMessage.send(message({ thing1: '磨刀', time2: '25:00', phrase3: '已预约' })))).errCode).toBe(47003)
    expect(local.cloudbase.subscriptions('o-resident')).toEqual([{ openid: 'o-resident', templateId: 'TPL_BOOKED', count: 1 }])
  })

  test('an unknown template id is refused with 40037', async () => {
    const error = await failure(local.sdkFor('service').openapi.subscribeMessage.send(message({ thing1: 'x' }, { templateId: 'TEMPLATE_ID_PLACEHOLDER' })))
    expect(error.errCode).toBe(40037)
  })
})

describe('one-time subscriptions (一次性订阅): each 允许 allows one send, and they add up', () => {
  const valid = () => message({ thing1: '磨刀', time2: '15:00', phrase3: '已预约' })

  test('without an acceptance WeChat refuses 43101 and nothing is sent', async () => {
    const error = await failure(local.sdkFor('service').openapi.subscribeMessage.send(valid()))
    expect(error.errCode).toBe(43101)
    expect(error.message).toContain('user refuse to accept the msg')
    expect(local.cloudbase.outbox()).toEqual([])
    expect(local.cloudbase.counters().subscriptions).toEqual({ accepted: 0, used: 0, refused: 1 })
  })

  test('two acceptances allow two sends; the third is refused 43101', async () => {
    const service = local.sdkFor('service')
    local.cloudbase.acceptSubscription('o-resident', ['TPL_BOOKED'])
    local.cloudbase.acceptSubscription('o-resident', ['TPL_BOOKED'])
    expect(local.cloudbase.subscriptions('o-resident')).toEqual([{ openid: 'o-resident', templateId: 'TPL_BOOKED', count: 2 }])
    expect((await service.openapi.subscribeMessage.send(valid())).errCode).toBe(0)
    expect((await service.openapi.subscribeMessage.send(valid())).errCode).toBe(0)
    expect((await failure(service.openapi.subscribeMessage.send(valid()))).errCode).toBe(43101)
    expect(local.cloudbase.outbox()).toHaveLength(2)
    expect(local.cloudbase.subscriptions()).toEqual([{ openid: 'o-resident', templateId: 'TPL_BOOKED', count: 0 }])
    expect(local.cloudbase.counters().subscriptions).toEqual({ accepted: 2, used: 2, refused: 1 })
  })

  test('an acceptance is one person’s and one template’s', async () => {
    local.cloudbase.acceptSubscription('o-neighbour', ['TPL_BOOKED'])
    expect((await failure(local.sdkFor('service').openapi.subscribeMessage.send(valid()))).errCode).toBe(43101)
    expect(local.cloudbase.subscriptions('o-neighbour')).toEqual([{ openid: 'o-neighbour', templateId: 'TPL_BOOKED', count: 1 }])
    expect(() => local.cloudbase.acceptSubscription('o-resident', ['TPL_UNKNOWN'])).toThrow(/no such template/)
    expect(() => local.cloudbase.acceptSubscription('', ['TPL_BOOKED'])).toThrow(/openid/)
  })

  test('a checkpoint and a rollback put the ledger back with the documents', async () => {
    const checkpoint = local.cloudbase.checkpoint()
    local.cloudbase.acceptSubscription('o-resident', ['TPL_BOOKED'])
    expect((await local.sdkFor('service').openapi.subscribeMessage.send(valid())).errCode).toBe(0)
    local.cloudbase.acceptSubscription('o-resident', ['TPL_BOOKED'])
    local.cloudbase.rollback(checkpoint)
    expect(local.cloudbase.subscriptions()).toEqual([])
    expect(local.cloudbase.outbox()).toEqual([])
  })
})

describe('keyword rules, one by one', () => {
  test.each([
    ['number1', '12.5', true],
    ['number1', '12a', false],
    ['letter1', 'abc', true],
    ['letter1', 'ab1', false],
    ['symbol1', '+-', true],
    ['symbol1', 'a', false],
    ['character_string1', 'A-12_x', true],
    ['character_string1', '一', false],
    ['date1', '2028年2月29日', true],
    ['date1', '2027年2月29日', false],
    ['date1', '2027-03-01 08:00~2027-03-01 09:00', true],
    ['time1', '08:00~09:30', true],
    ['time1', '8点', false],
    ['amount1', '¥12.50', true],
    ['amount1', '12元', true],
    ['amount1', '十二元', false],
    ['phone_number1', '+86-021-12345678', true],
    ['name1', '李阿姨', true],
    ['name1', '一二三四五六七八九十一', false],
    ['car_number1', '沪A12345', true],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十', true],
    ['unknown1', 'x', false],
  ])('%s = %s → %s', (key, value, valid) => {
    expect(checkSubscribeData({ [key]: { value } }) === null).toBe(valid)
  })
})
