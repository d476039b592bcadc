import type { Locale } from '@contracts/model'

/**
 * The weapp main package ships its message sets in Chinese only (issue 19): the weapp build
 * (config/locale-split.js) takes the en, ko and ja parts of every set in the main package out, marks the set with
 * `$id`, and writes them to one file per language in a subpackage (LOCALE_PACKAGE), loaded here with WeChat's 分包异步化
 * (`require.async`, base library 2.11.2+) when a person's language is one of them. H5 and Jest keep every set whole,
 * so there nothing is ever missing and nothing is loaded.
 */

/** The subpackage that carries the en/ko/ja tables (config/locale-split.js writes `<root>/locales/<lang>.js`). */
export const LOCALE_PACKAGE = 'packages/account'

/** Translations of one language, by set id. */
type Table = Record<string, Record<string, string>>

/** A message set as the weapp build leaves it in the main package: Chinese, and the id of its other languages. */
export type PartialSet = Partial<Record<Locale, Record<string, string>>> & { $id?: string }

const partialSets: PartialSet[] = []
const tables = new Map<Locale, Table>()
const loading = new Map<Locale, Promise<void>>()

function fill(set: PartialSet, locale: Locale, table: Table): void {
  const id = set.$id
  if (id && table[id]) set[locale] = table[id]
}

/** Called by defineMessages: a set without its other languages gets them from every table loaded now or later. */
export function registerSet(set: PartialSet): void {
  if (!set.$id) return
  partialSets.push(set)
  for (const [locale, table] of tables) fill(set, locale, table)
}

/** True when the weapp build took languages out of the main package, so that a language other than zh-CN needs loading. */
function splitBuild(): boolean {
  return process.env.TARO_ENV === 'weapp'
}

/** Whether every set can show `locale` now. */
export function messagesReady(locale: Locale): boolean {
  return locale === 'zh-CN' || !splitBuild() || tables.has(locale)
}

/** The file's own require, which webpack leaves alone: in WeChat it has `async` (分包异步化). */
declare const __non_webpack_require__: { async?: (path: string) => Promise<{ default?: Table } & Table> }

type Loaded = Promise<{ default?: Table } & Table>

/**
 * WeChat's cross-subpackage require, one literal call per file: WeChat's dependency analysis keeps the files it sees
 * named in `require.async('…')` in the upload. It must run from a file at the package root (the path resolves against
 * the calling file; this module lands in common.js, which tests/weapp/package-check.mjs holds).
 */
const TABLE_FILES: Record<Exclude<Locale, 'zh-CN'>, () => Loaded> = {
  en: () => __non_webpack_require__.async!('./packages/account/locales/en.js'),
  ko: () => __non_webpack_require__.async!('./packages/account/locales/ko.js'),
  ja: () => __non_webpack_require__.async!('./packages/account/locales/ja.js'),
}

function requireTable(locale: Exclude<Locale, 'zh-CN'>): Loaded {
  if (typeof __non_webpack_require__.async !== 'function') return Promise.reject(new Error('require.async needs base library 2.11.2'))
  return TABLE_FILES[locale]()
}

/**
 * Loads `locale`'s messages once (later calls share the first). Resolves true when the language can be shown, false
 * when its file could not be loaded (no network on a first visit, an old base library): the app then stays in Chinese
 * and the person's choice stays saved, to be tried again at the next start.
 */
export function loadMessages(locale: Locale): Promise<boolean> {
  if (locale === 'zh-CN' || messagesReady(locale)) return Promise.resolve(true)
  let pending = loading.get(locale)
  if (!pending) {
    pending = requireTable(locale).then((module) => {
      const table = module.default ?? module
      tables.set(locale, table)
      for (const set of partialSets) fill(set, locale, table)
    })
    loading.set(locale, pending)
    pending.catch(() => loading.delete(locale))
  }
  return pending.then(
    () => true,
    () => false,
  )
}
