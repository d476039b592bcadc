import Taro from '@tarojs/taro'
import { APP_PAGES, currentTarget, goNext, safeNext, TAB_PAGES, withNext } from './next'
import { decodeTarget, withNext as linkWithNext } from './nextLink'

function appConfig(): Taro.Config {
  // app.config.ts calls Taro's build-time global defineAppConfig; here it hands the object back.
  ;(globalThis as { defineAppConfig?: (config: Taro.Config) => Taro.Config }).defineAppConfig = (config) => config
  // Required after the global is set (an import would run first).
  return (require('../app.config') as { default: Taro.Config }).default
}

const taro = Taro as unknown as { getCurrentInstance: jest.Mock; redirectTo: jest.Mock; switchTab: jest.Mock }

afterEach(() => taro.getCurrentInstance.mockReset().mockReturnValue({ router: null }))

describe('next: the page a newcomer comes back to', () => {
  it('knows exactly the pages of app.config.ts, and its tabs', () => {
    const config = appConfig()
    const pages = [...(config.pages ?? []), ...(config.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))]
    expect([...APP_PAGES].sort()).toEqual(pages.map((page) => `/${page}`).sort())
    expect([...TAB_PAGES]).toEqual((config.tabBar?.list ?? []).map((tab) => `/${tab.pagePath}`))
  })

  it('accepts an app page with a plain query, encoded or not', () => {
    expect(safeNext('/packages/service/session/index?id=s1')).toBe('/packages/service/session/index?id=s1')
    expect(safeNext(encodeURIComponent('/packages/volunteer/shift/index?id=sh-2'))).toBe('/packages/volunteer/shift/index?id=sh-2')
    expect(safeNext(encodeURIComponent(encodeURIComponent('/pages/home/index')))).toBe('/pages/home/index')
    expect(safeNext('/pages/building/index')).toBe('/pages/building/index')
  })

  it('refuses anything that is not one of the app pages', () => {
    for (const bad of [
      undefined,
      '',
      'https://example.com/pages/home/index',
      '//example.com/pages/home/index',
      'pages/home/index',
      '/pages/unknown/index',
      '/pages/home/index/../../x',
      '/packages/service/session/index?id=s1?x=1',
      '/packages/service/session/index?id=<script>',
      '/packages/service/session/index?next=%2Fpages%2Fhome%2Findex',
      '/packages/account/privacy/index',
      '/packages/account/join/index?next=%2Fpages%2Fhome%2Findex',
      '%E0%A4%A',
      `/packages/service/session/index?id=${'a'.repeat(400)}`,
    ]) {
      expect(safeNext(bad)).toBeNull()
    }
  })

  it('reads the page on screen without Taro’s stamps, and forwards the target from privacy and join', () => {
    taro.getCurrentInstance.mockReturnValue({ router: { path: '/packages/service/session/index?stamp=3', params: { id: 's1', stamp: '3', $taroTimestamp: '17' } } })
    expect(currentTarget()).toBe('/packages/service/session/index?id=s1')
    expect(withNext('/packages/account/privacy/index')).toBe('/packages/account/privacy/index?next=%2Fpackages%2Fservice%2Fsession%2Findex%3Fid%3Ds1')
    taro.getCurrentInstance.mockReturnValue({ router: { path: 'packages/account/privacy/index', params: { next: '%2Fpackages%2Fservice%2Fsession%2Findex%3Fid%3Ds1' } } })
    expect(withNext('/packages/account/join/index')).toBe('/packages/account/join/index?next=%2Fpackages%2Fservice%2Fsession%2Findex%3Fid%3Ds1')
    taro.getCurrentInstance.mockReturnValue({ router: { path: '/packages/account/join/index', params: { next: 'https://example.com' } } })
    expect(withNext('/packages/account/privacy/index')).toBe('/packages/account/privacy/index')
    taro.getCurrentInstance.mockReturnValue({ router: null })
    expect(withNext('/packages/account/join/index')).toBe('/packages/account/join/index')
  })

  it('links from the main package with a path check only; privacy and join refuse what is not an app page', () => {
    // ui/nextLink.ts (tab pages, status, notice) carries neither the list of pages nor the query rules (issue 19).
    for (const page of APP_PAGES) expect(decodeTarget(encodeURIComponent(page))).toBe(page)
    taro.getCurrentInstance.mockReturnValue({ router: { path: '/packages/account/join/index', params: { next: '%2Fpages%2Funknown%2Findex%3Fid%3D%3Cscript%3E' } } })
    const url = linkWithNext('/packages/account/privacy/index')
    expect(url).toBe('/packages/account/privacy/index?next=%2Fpages%2Funknown%2Findex%3Fid%3D%3Cscript%3E')
    // …and the account page reading it goes nowhere it does not know.
    expect(safeNext(url.split('next=')[1])).toBeNull()
    for (const bad of ['https://example.com', '//example.com/pages/home/index', 'pages/home/index', '%E0%A4%A', `/pages/home/index?id=${'a'.repeat(400)}`]) expect(decodeTarget(bad)).toBeNull()
  })

  it('goes to a tab with switchTab and to any other page in place of the account page', async () => {
    taro.redirectTo.mockClear()
    taro.switchTab.mockClear()
    await goNext('/pages/building/index')
    expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/building/index' })
    await goNext('/packages/service/session/index?id=s1')
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/service/session/index?id=s1' })
  })
})
