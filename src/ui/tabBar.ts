import Taro from '@tarojs/taro'
import { translate } from '@/core/i18n'
import type { Locale } from '@contracts/model'
import { common } from './messages'

/** In the order of app.config.ts tabBar.list. */
const TABS = ['tab.home', 'tab.building', 'tab.services', 'tab.volunteer', 'tab.me'] as const

/** app.config.ts ships the Chinese labels, so Chinese needs no call; null while a change is on its way. */
let applied: Locale | null = 'zh-CN'

/**
 * The tab bar is native, outside React: its labels change only through setTabBarItem. The call fails while no tab page
 * is on screen (at launch, or on H5 before the bar mounts), so tab pages call this again whenever they show.
 */
export function syncTabBar(locale: Locale): void {
  if (applied === locale) return
  applied = null
  Promise.all(TABS.map((key, index) => Taro.setTabBarItem({ index, text: translate(common, locale, key) })))
    .then(() => {
      applied = locale
    })
    .catch(() => undefined)
}
