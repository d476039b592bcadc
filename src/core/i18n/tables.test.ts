import type { Locale } from '@contracts/model'

/**
 * The weapp main package's messages arrive in Chinese only; en/ko/ja come from packages/account/locales/ through
 * WeChat's require.async (issue 19). Here a weapp start is played with TARO_ENV=weapp, WeChat's storage holding the
 * person's choice, and a stand-in for the file's require.async; each case loads the modules afresh, as a cold start.
 */
type Table = Record<string, Record<string, string>>
type Loader = jest.Mock<Promise<Table>, [string]>

const KO: Table = { set1: { hello: '안녕하세요, {name}' } }
const EN: Table = { set1: { hello: 'Hello, {name}' } }

interface Storage {
  getStorageSync(key: string): unknown
  setStorageSync(key: string, value: unknown): void
}

interface World {
  settings: typeof import('../settings')
  i18n: typeof import('.')
  load: Loader
  storage: Storage
}

/** A cold weapp start with `stored` in WeChat's storage and `load` as require.async. */
function start(stored: { locale?: Locale } | '', load: Loader): World {
  process.env.TARO_ENV = 'weapp'
  ;(globalThis as { __non_webpack_require__?: unknown }).__non_webpack_require__ = { async: load }
  let world: World | undefined
  jest.isolateModules(() => {
    const storage = (require('@tarojs/taro') as { default: Storage }).default
    storage.setStorageSync('linliting.settings', stored)
    world = { settings: require('../settings'), i18n: require('.'), load, storage }
  })
  return world as World
}

/** The set the weapp build leaves in the main package: Chinese and the id of the rest. */
function chineseOnly(i18n: World['i18n']) {
  return i18n.defineMessages({ 'zh-CN': { hello: '你好，{name}' }, $id: 'set1' } as unknown as Parameters<typeof i18n.defineMessages<'hello'>>[0])
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))
const tables: Record<string, Table> = { './packages/account/locales/ko.js': KO, './packages/account/locales/en.js': EN }

afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV')
  ;(globalThis as { __non_webpack_require__?: unknown }).__non_webpack_require__ = undefined
})

describe('a weapp start in Korean (messages loaded from the subpackage)', () => {
  it('shows Chinese until the Korean table is there, then Korean, and keeps the choice saved', async () => {
    const load: Loader = jest.fn((file: string) => Promise.resolve(tables[file]))
    const { settings, i18n, storage } = start({ locale: 'ko' }, load)
    const set = chineseOnly(i18n)
    expect(settings.useSettings.getState().locale).toBe('zh-CN')
    expect(settings.useSettings.getState().chosenLocale).toBe('ko')
    expect(i18n.translate(set, settings.useSettings.getState().locale, 'hello', { name: '김민지' })).toBe('你好，김민지')
    await flush()
    expect(load).toHaveBeenCalledWith('./packages/account/locales/ko.js')
    expect(settings.useSettings.getState().locale).toBe('ko')
    expect(i18n.translate(set, 'ko', 'hello', { name: '김민지' })).toBe('안녕하세요, 김민지')
    // A set defined after the table arrived (a page's module evaluated later) gets Korean at once.
    const later = chineseOnly(i18n)
    expect(i18n.translate(later, 'ko', 'hello', { name: '김민지' })).toBe('안녕하세요, 김민지')
    expect(storage.getStorageSync('linliting.settings')).toEqual({ locale: 'ko', elderChoice: null })
  })

  it('loads nothing for Chinese, and loads each language once', async () => {
    const load: Loader = jest.fn((file: string) => Promise.resolve(tables[file]))
    const { settings } = start('', load)
    expect(settings.useSettings.getState().locale).toBe('zh-CN')
    await flush()
    expect(load).not.toHaveBeenCalled()
    settings.useSettings.getState().setLocale('en')
    settings.useSettings.getState().setLocale('en')
    expect(settings.useSettings.getState().chosenLocale).toBe('en')
    await flush()
    expect(load).toHaveBeenCalledTimes(1)
    expect(settings.useSettings.getState().locale).toBe('en')
  })

  it('the last choice wins when an earlier language arrives later', async () => {
    let finishKorean: (table: Table) => void = () => undefined
    const load: Loader = jest.fn((file: string) => (file.endsWith('ko.js') ? new Promise<Table>((resolve) => (finishKorean = resolve)) : Promise.resolve(tables[file])))
    const { settings } = start('', load)
    settings.useSettings.getState().setLocale('ko')
    settings.useSettings.getState().setLocale('en')
    await flush()
    finishKorean(KO)
    await flush()
    expect(settings.useSettings.getState().locale).toBe('en')
  })

  it('stays in Chinese when the file cannot be loaded, keeps the choice, and tries again on the next choice', async () => {
    const load: Loader = jest.fn((_file: string) => Promise.reject({ mod: './packages/account/locales/ko.js', errMsg: 'network' }))
    const { settings, storage } = start({ locale: 'ko' }, load)
    await flush()
    expect(settings.useSettings.getState().locale).toBe('zh-CN')
    expect(storage.getStorageSync('linliting.settings')).toEqual({ locale: 'ko', elderChoice: null })
    load.mockImplementation((file: string) => Promise.resolve(tables[file]))
    settings.useSettings.getState().setLocale('ko')
    await flush()
    expect(load).toHaveBeenCalledTimes(2)
    expect(settings.useSettings.getState().locale).toBe('ko')
  })
})

describe('H5 and Jest', () => {
  it('keep every set whole and load nothing', () => {
    const { messagesReady } = jest.requireActual('./tables') as typeof import('./tables')
    expect(messagesReady('ko')).toBe(true)
  })
})
