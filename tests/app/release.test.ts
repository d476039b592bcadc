/**
 * Release checks (docs/release.md, issue 19): the privacy guide declares every privacy API that src/ calls, the
 * sitemap keeps the console and the account pages out of WeChat search, and the version is read from WeChat.
 */
import fs from 'node:fs'
import path from 'node:path'
import Taro from '@tarojs/taro'
import { envVersion, miniprogramState } from '@/core/release'

const root = path.resolve(__dirname, '..', '..')

/** app.config.ts calls Taro's build-time global defineAppConfig; here it hands the object back. */
function loadAppConfig(): Taro.Config {
  // Required after the global is set (an import would run first).
  ;(globalThis as { defineAppConfig?: (config: Taro.Config) => Taro.Config }).defineAppConfig = (config) => config
  return (require('../../src/app.config') as { default: Taro.Config }).default
}
const appConfig = loadAppConfig()

/**
 * WeChat's privacy APIs and components (小程序用户隐私保护指引内容介绍: 隐私接口与对应的处理的信息), and scanCode, which
 * opens the camera. An API is "called" when src/ names it as Taro.x( / wx.x( / Taro.x({, a component by its prop.
 */
const PRIVACY_APIS = [
  'chooseAvatar', 'nickname', 'getUserInfo', 'getUserProfile',
  'authorize', 'getLocation', 'getFuzzyLocation', 'startLocationUpdate', 'startLocationUpdateBackground', 'choosePoi', 'chooseLocation',
  'chooseAddress', 'chooseInvoiceTitle', 'chooseInvoice', 'getWeRunData', 'getPhoneNumber', 'getRealtimePhoneNumber', 'chooseLicensePlate',
  'chooseImage', 'chooseMedia', 'chooseVideo', 'chooseMessageFile', 'startRecord', 'getRecorderManager', 'joinVoIPChat', 'createVKSession',
  'createCameraContext', 'openBluetoothAdapter', 'createBLEPeripheralServer', 'saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum',
  'addPhoneContact', 'addPhoneRepeatCalendar', 'addPhoneCalendar', 'setClipboardData', 'getClipboardData', 'scanCode',
]

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

function calledPrivacyApis(): Map<string, string[]> {
  const found = new Map<string, string[]>()
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const text = fs.readFileSync(file, 'utf8')
    for (const api of PRIVACY_APIS) {
      const call = new RegExp(`\\b(?:Taro|wx)\\.${api}\\s*\\(`)
      const component = api === 'nickname' ? /type="nickname"/ : api === 'chooseAvatar' ? /openType="chooseAvatar"/ : api === 'getPhoneNumber' ? /openType="getPhoneNumber"/ : null
      if (call.test(text) || (component && component.test(text))) found.set(api, [...(found.get(api) ?? []), path.relative(root, file)])
    }
  }
  return found
}

/** The APIs named in the first column of docs/release.md's table of privacy APIs. */
function declaredPrivacyApis(): Set<string> {
  const doc = fs.readFileSync(path.join(root, 'docs', 'release.md'), 'utf8')
  const section = doc.slice(doc.indexOf('### Privacy APIs the app calls'), doc.indexOf('### Data the app collects'))
  return new Set([...section.matchAll(/^\| `(\w+)` \|/gm)].map((match) => match[1]))
}

describe('the privacy guide (docs/release.md)', () => {
  it('lists every privacy API that src/ calls', () => {
    const called = calledPrivacyApis()
    const declared = declaredPrivacyApis()
    const missing = [...called].filter(([api]) => !declared.has(api)).map(([api, files]) => `${api} (${files.join(', ')})`)
    expect(missing).toEqual([])
    // The check sees what it must: the four pages of issue 19 and the profile.
    for (const api of ['chooseMedia', 'chooseMessageFile', 'setClipboardData', 'saveImageToPhotosAlbum', 'chooseAvatar', 'nickname']) expect(called.has(api)).toBe(true)
  })

  it('fails for an API the guide does not list (the check is not blind)', () => {
    const declared = declaredPrivacyApis()
    expect(declared.has('getLocation')).toBe(false)
    expect(new RegExp('\\b(?:Taro|wx)\\.getLocation\\s*\\(').test('await Taro.getLocation({ type: "gcj02" })')).toBe(true)
  })

  it('lists each kind of data the app collects', () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'release.md'), 'utf8')
    for (const kind of ['nickname, avatar', 'area, building, unit, room', 'blood-pressure readings', 'photos', 'OPENID']) expect(doc).toContain(kind)
  })
})

describe('src/sitemap.json', () => {
  const sitemap = JSON.parse(fs.readFileSync(path.join(root, 'src', 'sitemap.json'), 'utf8')) as { rules: { action?: string; page: string; priority?: number; params?: string[] }[] }
  const pages = [...(appConfig.pages ?? []), ...(appConfig.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))]
  // WeChat matches the rules from the top (no rule here sets a priority or params); a page no rule names is indexed.
  const indexed = (page: string) => (sitemap.rules.find((rule) => rule.page === page || rule.page === '*')?.action ?? 'allow') === 'allow'
  const PUBLIC = ['pages/home/index', 'pages/building/index', 'pages/services/index', 'pages/volunteer/index', 'pages/me/index', 'packages/service/session/index', 'packages/volunteer/shift/index', 'packages/volunteer/team/index']

  it('lets WeChat search index only the tab pages, a session, a shift and a team: every console, account and personal page stays out', () => {
    expect(sitemap.rules.every((rule) => rule.priority === undefined && rule.params === undefined)).toBe(true)
    expect(pages.filter(indexed).sort()).toEqual([...PUBLIC].sort())
    const hidden = pages.filter((page) => page.startsWith('packages/manage/') || page.startsWith('packages/account/'))
    expect(hidden.length).toBeGreaterThan(10)
    expect(hidden.filter(indexed)).toEqual([])
  })

  it('names only real pages, never a wildcard inside a path, and ends by keeping every other page out (a new page too)', () => {
    for (const rule of sitemap.rules.slice(0, -1)) expect(pages).toContain(rule.page)
    expect(sitemap.rules.at(-1)).toEqual({ action: 'disallow', page: '*' })
  })

  it('is the sitemap app.json names, and the build copies it into dist/', () => {
    expect(appConfig.sitemapLocation).toBe('sitemap.json')
    // Written into dist/ without its indentation by config/json-asset.js (tests/weapp/run.mjs reads it from the build).
    expect(fs.readFileSync(path.join(root, 'config', 'index.ts'), 'utf8')).toContain("use(JsonAssetPlugin, [{ from: 'src/sitemap.json', to: 'sitemap.json' }])")
  })
})

describe('the version comes from WeChat', () => {
  const info = Taro.getAccountInfoSync as unknown as jest.Mock
  it.each([
    ['develop', 'developer'],
    ['trial', 'trial'],
    ['release', 'formal'],
  ])('envVersion %s → miniprogramState %s', (version, state) => {
    info.mockReturnValueOnce({ miniProgram: { appId: 'wx-test', envVersion: version, version: '' } })
    expect(miniprogramState(envVersion())).toBe(state)
  })
})
