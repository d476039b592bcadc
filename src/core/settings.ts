import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { LOCALES, type Locale } from '@contracts/model'

/** Application state only (bulletproof-react's rule): what the person chose here, never server data. */
export interface SettingsState {
  locale: Locale
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

function systemInfo(): { language?: string; fontSizeSetting?: number } {
  try {
    return Taro.getSystemInfoSync()
  } catch {
    return {}
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

/** WeChat reports the font size in px; 16 is the standard size, 关怀模式 starts around 20. */
export function fontScaleFrom(fontSizeSetting: number | undefined): number {
  if (!fontSizeSetting || fontSizeSetting <= 16) return 1
  return Math.min(fontSizeSetting / 16, 1.6)
}

export const ELDER_FONT_SCALE = 1.25

const stored = readStored()
const info = systemInfo()

export const useSettings = create<SettingsState>((set, get) => ({
  locale: stored.locale && LOCALES.includes(stored.locale) ? stored.locale : localeFromSystem(info.language),
  elderChoice: stored.elderChoice ?? null,
  systemFontScale: fontScaleFrom(info.fontSizeSetting),
  setLocale(locale) {
    set({ locale })
    persist(get())
  },
  setElderChoice(elderChoice) {
    set({ elderChoice })
    persist(get())
  },
}))

function persist(state: SettingsState): void {
  Taro.setStorageSync(STORAGE_KEY, { locale: state.locale, elderChoice: state.elderChoice })
}

/** 长辈模式 is on when the person switched it on, or when WeChat's font size is enlarged and they did not switch it off. */
export function isElder(state: Pick<SettingsState, 'elderChoice' | 'systemFontScale'>): boolean {
  return state.elderChoice ?? state.systemFontScale >= ELDER_FONT_SCALE
}

export function fontScale(state: Pick<SettingsState, 'elderChoice' | 'systemFontScale'>): number {
  return Math.max(state.systemFontScale, isElder(state) ? ELDER_FONT_SCALE : 1)
}
