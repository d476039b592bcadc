import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { LOCALES, type Locale } from '@contracts/model'
import { loadMessages, messagesReady } from './i18n/tables'

/** Application state only (bulletproof-react's rule): what the person chose here, never server data. */
export interface SettingsState {
  /** The language every page shows: the chosen one once its messages are there (weapp loads en/ko/ja: ./i18n/tables). */
  locale: Locale
  /** The language the person chose (or WeChat's), saved; `locale` follows it as soon as its messages are loaded. */
  chosenLocale: Locale
  /** The person's own 长辈模式 switch; null = follow WeChat's font size (关怀模式). */
  elderChoice: boolean | null
  /** WeChat's font-size setting as a factor of the default (1 = standard). */
  systemFontScale: number
  setLocale(locale: Locale): void
  setElderChoice(choice: boolean | null): void
}

const STORAGE_KEY = 'linliting.settings'

interface Stored {
  locale?: Locale
  elderChoice?: boolean | null
}

function readStored(): Stored {
  try {
    const raw: unknown = Taro.getStorageSync(STORAGE_KEY)
    return typeof raw === 'object' && raw !== null ? (raw as Stored) : {}
  } catch {
    return {}
  }
}

/** What WeChat says about itself (getAppBaseInfo, base library 2.20.1+; getSystemInfoSync is deprecated). */
interface AppBaseInfo {
  language?: string
  /** WeChat's font size in px. */
  fontSizeSetting?: number
  /** WeChat's font size divided by the platform's standard size. */
  fontSizeScaleFactor?: number
}

function appBaseInfo(): AppBaseInfo {
  try {
    return Taro.getAppBaseInfo() as AppBaseInfo
  } catch {
    return {}
  }
}

function platform(): string {
  try {
    return Taro.getDeviceInfo().platform ?? ''
  } catch {
    return ''
  }
}

/**
 * Maps WeChat's language setting ('zh_CN', 'en', 'ko', 'ja', 'zh_TW' …) to one of ours. It lives here, beside the
 * system info it reads, and not in ./i18n: i18n reads the chosen locale from these settings, so the two importing
 * each other made a cycle.
 */
export function localeFromSystem(language: string | undefined): Locale {
  const lang = (language ?? '').toLowerCase().replace('_', '-')
  if (lang.startsWith('ko')) return 'ko'
  if (lang.startsWith('ja')) return 'ja'
  if (lang.startsWith('en')) return 'en'
  return 'zh-CN'
}

/**
 * WeChat's standard font size per platform (小程序适老化设计指南): iOS 17px (fontSizeScaleFactor = fontSizeSetting / 17;
 * 关怀模式 is 23.8px on a 375 screen, 24.5px on iPad), Android 16px (fontSizeSetting = 16 × fontSizeScaleFactor,
 * rounded). DevTools and the PC clients follow Android's 16.
 */
export function standardFontSize(os: string): number {
  return os.toLowerCase() === 'ios' ? 17 : 16
}

/**
 * The font scale from what getAppBaseInfo reports: WeChat's own factor when it gives one, else the size over the
 * platform's standard. Smaller than standard reads as 1 (our sizes are already the smallest we show); at most 1.6, so
 * that a 750-wide layout still holds the longest words.
 */
export function fontScaleFrom(info: AppBaseInfo, os = ''): number {
  const factor = typeof info.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor > 0 ? info.fontSizeScaleFactor : info.fontSizeSetting ? info.fontSizeSetting / standardFontSize(os) : 1
  if (!(factor > 1)) return 1
  return Math.min(Math.round(factor * 100) / 100, 1.6)
}

export const ELDER_FONT_SCALE = 1.25

const stored = readStored()
const info = appBaseInfo()

const initialLocale: Locale = stored.locale && LOCALES.includes(stored.locale) ? stored.locale : localeFromSystem(info.language)

export const useSettings = create<SettingsState>((set, get) => ({
  // Until a weapp start has loaded the chosen language's messages, pages show Chinese (a moment on the first paint).
  locale: messagesReady(initialLocale) ? initialLocale : 'zh-CN',
  chosenLocale: initialLocale,
  elderChoice: stored.elderChoice ?? null,
  systemFontScale: fontScaleFrom(info, platform()),
  setLocale(locale) {
    set({ chosenLocale: locale })
    persist(get())
    if (messagesReady(locale)) {
      set({ locale })
      return
    }
    // The last choice wins when two loads finish out of order; a failed load keeps the language shown now.
    void loadMessages(locale).then((ready) => {
      if (ready && get().chosenLocale === locale) set({ locale })
    })
  },
  setElderChoice(elderChoice) {
    set({ elderChoice })
    persist(get())
  },
}))

/**
 * H5: the page's language is the chosen one, so a screen reader reads Korean with a Korean voice (issue 21). WeChat's
 * web view has no document to mark: there 读屏 follows the phone's language. The font scale goes on <html> too, for
 * Taro's H5 tab bar, which lies outside every page's Screen (app.scss).
 */
function markDocument(state: SettingsState): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  document.documentElement.lang = state.locale
  const scale = fontScale(state)
  document.documentElement.style.setProperty('--fs', String(scale))
  // Larger than standard, a tab's label may take two lines (マイページ in 长辈模式): the bar makes room for them.
  document.documentElement.dataset.tabLines = scale > 1 ? '2' : '1'
}
markDocument(useSettings.getState())
useSettings.subscribe((state, previous) => {
  if (state.locale !== previous.locale || fontScale(state) !== fontScale(previous)) markDocument(state)
})

function persist(state: SettingsState): void {
  Taro.setStorageSync(STORAGE_KEY, { locale: state.chosenLocale, elderChoice: state.elderChoice })
}

// A weapp start in English, Korean or Japanese: fetch that language's messages now; pages switch when they arrive.
if (!messagesReady(initialLocale)) useSettings.getState().setLocale(initialLocale)

/** 长辈模式 is on when the person switched it on, or when WeChat's font size is enlarged and they did not switch it off. */
export function isElder(state: Pick<SettingsState, 'elderChoice' | 'systemFontScale'>): boolean {
  return state.elderChoice ?? state.systemFontScale >= ELDER_FONT_SCALE
}

export function fontScale(state: Pick<SettingsState, 'elderChoice' | 'systemFontScale'>): number {
  return Math.max(state.systemFontScale, isElder(state) ? ELDER_FONT_SCALE : 1)
}

/** Reads WeChat's font size again: the person may have changed it in WeChat's settings while the app was hidden. */
export function readSystemFontScale(): void {
  const scale = fontScaleFrom(appBaseInfo(), platform())
  if (scale !== useSettings.getState().systemFontScale) useSettings.setState({ systemFontScale: scale })
}

/**
 * Follows WeChat's font size while the app runs. WeChat has no font-size change event: the setting is changed in
 * WeChat's own 设置 → 通用 → 字体大小, which hides the mini-program, so coming back (onAppShow) is when to read it again.
 */
export function followSystemFontSize(): void {
  if (typeof Taro.onAppShow === 'function') Taro.onAppShow(readSystemFontScale)
}
