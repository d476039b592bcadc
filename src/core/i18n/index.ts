import { useCallback } from 'react'
import { useSettings } from '../settings'
import type { Locale } from '@contracts/model'
import { registerSet } from './tables'

export type { Locale }
export type Messages<K extends string> = Record<Locale, Record<K, string>>

/**
 * Every visible string passes through here. Each feature keeps its own messages in all four languages side by side
 * (so a subpackage carries its own text), and the type makes a missing key in any language a compile error.
 */
export function defineMessages<K extends string>(messages: { 'zh-CN': Record<K, string>; en: Record<K, string>; ko: Record<K, string>; ja: Record<K, string> }): Messages<K> {
  // In the weapp main package a set arrives with Chinese only and gets its other languages when they load (./tables).
  registerSet(messages)
  return messages
}

export type Params = Record<string, string | number>

export function format(template: string, params?: Params): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match))
}

export function translate<K extends string>(messages: Messages<K>, locale: Locale, key: K, params?: Params): string {
  return format((messages[locale] as Record<K, string> | undefined)?.[key] ?? messages['zh-CN'][key], params)
}

export type T<K extends string> = (key: K, params?: Params) => string

/** The person's language, for what is not a message: dates and times (core/dates), community-entered text. */
export function useLocale(): Locale {
  return useSettings((state) => state.locale)
}

export function useT<K extends string>(messages: Messages<K>): T<K> {
  const locale = useSettings((state) => state.locale)
  return useCallback((key: K, params?: Params) => translate(messages, locale, key, params), [messages, locale])
}
