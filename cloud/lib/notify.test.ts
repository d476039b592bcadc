import type { Locale } from '../contracts/model'
import { fitField, messageLang } from './notify'
import type { Ctx } from './router'
import type { CloudBase } from '../cloudbase'
import { localCloud } from '../../tests/cloudbase/harness'

// notify() ignores its context (the message names its recipient); it only needs to type-check.
const ctx = { fn: 'service', action: 'booking.create', openid: 'demo-korean', now: new Date('2026-12-12T01:00:00Z') } as Omit<Ctx, 'db'> as Ctx

// The real wx-server-sdk, pointed at a local CloudBase server that declares `subscribeMessage.send` for the service
// function and knows the template's keywords, as the cloud does.
// The module is loaded afresh in the environment the service function's instance has.
let cloudbase: CloudBase
let notify: typeof import('./notify').notify

beforeAll(async () => {
  cloudbase = (await localCloud({ functions: { service: { permissions: { openapi: ['subscribeMessage.send'] } } }, subscribeTemplates: { tpl: ['thing1'] } })).cloudbase
  Object.assign(process.env, cloudbase.instanceEnv('service'))
  jest.isolateModules(() => {
    notify = (require('./notify') as typeof import('./notify')).notify
  })
})

afterAll(() => cloudbase.close())

const sent = () => cloudbase.outbox().filter((entry) => entry.kind === 'subscribeMessage').map((entry) => entry.payload as { lang?: string; touser: string })

describe('subscribe messages', () => {
  afterEach(() => {
    jest.restoreAllMocks()
    cloudbase.intercept(null)
    cloudbase.clearOutbox()
  })

  it('go out in Chinese or English only: Korean and Japanese readers get English', () => {
    expect(messageLang('zh-CN')).toBe('zh_CN')
    expect(messageLang('en')).toBe('en_US')
    expect(messageLang('ko')).toBe('en_US')
    expect(messageLang('ja')).toBe('en_US')
    // No language on record: the community's own.
    expect(messageLang(null)).toBe('zh_CN')
    expect(messageLang(undefined)).toBe('zh_CN')
  })

  it.each<[Locale | null, 'zh_CN' | 'en_US']>([
    ['ko', 'en_US'],
    ['ja', 'en_US'],
    ['en', 'en_US'],
    ['zh-CN', 'zh_CN'],
    [null, 'zh_CN'],
  ])('are sent to a %s reader with lang %s', async (locale, lang) => {
    // The person tapped 允许 for the template: WeChat allows one send.
    cloudbase.acceptSubscription('demo-korean', ['tpl'])
    const ok = await notify(ctx, { touser: 'demo-korean', templateId: 'tpl', page: 'packages/service/session/index?id=s1', data: { thing1: 'Knife sharpening' }, locale })
    expect(ok).toBe(true)
    expect(sent()).toHaveLength(1)
    expect(sent()[0]).toMatchObject({ touser: 'demo-korean', lang })
  })

  it('keep fields within WeChat’s limits', () => {
    expect(fitField('thing1', 'Blood-pressure check at the service station')).toBe('Blood-pressure chec…')
    expect([...fitField('thing1', '测量血压测量血压测量血压测量血压测量血压测量血压')].length).toBe(20)
    expect(fitField('time2', '2026-12-12 09:00')).toBe('2026-12-12 09:00')
  })

  it('never undo what triggered them when WeChat refuses', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    // Nobody accepted the template for demo-korean since the last send: WeChat refuses 43101.
    expect(cloudbase.subscriptions('demo-korean').every((entry) => entry.count === 0)).toBe(true)
    await expect(notify(ctx, { touser: 'demo-korean', templateId: 'tpl', page: 'p', data: { thing1: '磨刀' }, locale: 'ko' })).resolves.toBe(false)
    expect(sent()).toHaveLength(0)
  })
})
