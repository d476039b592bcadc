import Taro from '@tarojs/taro'
import { useEffect, useState, type ComponentType } from 'react'
import { useInLine } from '@/core/api'
import { usePrivacy } from '@/core/privacy'
// Their styles, here and not beside them: styles stay in the main package (a subpackage's reach only its own pages);
// the in-line notice's glyph (ui/Icon) first, in the order they had when Screen imported the two pieces.
import './Icon.scss'
import './InLine.scss'
import './PrivacyPrompt.scss'

/**
 * What every page's shell (Screen) lays over the page when it must: WeChat's privacy guide while a privacy API waits
 * for the person's answer (PrivacyPrompt), and the notice that a write waits in line (InLineNotice). Few people ever
 * see either, so on weapp their code is not in the main package (issue 19): config/lazy-modules.js moves it to
 * packages/account/overlays.js, loaded here with WeChat's require.async the first time one is needed. The tab pages
 * have WeChat download packages/account when they open (app.config.ts preloadRule), so the file is usually on the
 * phone before it is needed.
 *
 * A privacy API must never wait unseen: if the file cannot be loaded (no network on a first visit to a shared page, a
 * base library without require.async), the waiting call is declined, and the page says what happened as for any
 * declined guide (core/permission 'privacy', ui/PermissionNotice: 再试一次 asks again). A write in line is tried again
 * by itself (core/inLine), so the network works: the file is asked for again until the notice can show.
 */
interface Pieces {
  PrivacyPrompt: ComponentType
  InLineNotice: ComponentType
}

/** The file's own require, which webpack leaves alone: in WeChat it has `async` (分包异步化). */
declare const __non_webpack_require__: { async?: (path: string) => Promise<Record<string, unknown>> }
/** Webpack's table of module factories: the loaded file's factories join it, then `require` finds them. */
declare const __webpack_modules__: Record<string, unknown>

/** How long to wait before asking for the file again while a write is still in line. */
export const RETRY_MS = 2000

let pieces: Pieces | null = null
let fileLoad: Promise<boolean> | null = null

function piecesHere(): Pieces {
  // Required, not imported: on weapp these modules are in packages/account/overlays.js until loadOverlays added them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { PrivacyPrompt } = require('./PrivacyPrompt') as typeof import('./PrivacyPrompt')
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { InLineNotice } = require('./InLine') as typeof import('./InLine')
  return { PrivacyPrompt, InLineNotice }
}

/**
 * WeChat's cross-subpackage require, one literal call: WeChat's dependency analysis keeps the file it sees named in
 * `require.async('…')`. It must run from a file at the package root (the path resolves against the calling file; this
 * module lands in common.js, which tests/weapp/package-check.mjs holds).
 */
function loadFile(): Promise<void> {
  // Base libraries before 2.11.2 have no require.async: a TypeError, caught below like a failed download.
  return __non_webpack_require__.async!('./packages/account/overlays.js').then((factories) => {
    Object.assign(__webpack_modules__, factories)
  })
}

/** Whether the file's modules are here (always off weapp); a failed load is tried again at the next call. */
function loadLazy(): Promise<boolean> {
  return (fileLoad ??= Promise.resolve()
    .then(() => (process.env.TARO_ENV === 'weapp' ? loadFile() : undefined))
    .then(
      () => true,
      () => {
        fileLoad = null
        return false
      },
    ))
}

/** The two pieces, or null when they cannot be had now. */
function loadOverlays(): Promise<Pieces | null> {
  return loadLazy()
    .then((ok) => (ok ? (pieces ??= piecesHere()) : null))
    .catch(() => null)
}

/**
 * Opens privacy or join (packages/account) with the page on screen as the place to come back to (`next`, built by
 * ui/nextLink.ts, which travels in the same file on weapp: a page of packages/account needs that package anyway). Should
 * the file not load, the page opens without it, and the person is taken to 首页 when done instead of back here.
 */
export function openAccountPage(url: string): void {
  const link = () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see piecesHere
    const { withNext } = require('./nextLink') as typeof import('./nextLink')
    return withNext(url)
  }
  if (process.env.TARO_ENV !== 'weapp') {
    void Taro.navigateTo({ url: link() })
    return
  }
  void loadLazy()
    .then((ok) => (ok ? link() : url))
    .catch(() => url)
    .then((target) => Taro.navigateTo({ url: target }))
}

export function Overlays() {
  const privacy = usePrivacy((state) => state.waiting.length > 0)
  const inLine = useInLine((state) => state.waiting > 0)
  // H5 and Jest bundle the pieces as usual: there they are drawn from the first render, as before.
  const [loaded, setLoaded] = useState<Pieces | null>(() => pieces ?? (process.env.TARO_ENV === 'weapp' ? null : (pieces = piecesHere())))
  const [attempt, setAttempt] = useState(0)
  const needed = privacy || inLine

  useEffect(() => {
    if (loaded || !needed) return
    let live = true
    let retry: ReturnType<typeof setTimeout> | undefined
    void loadOverlays().then((found) => {
      if (!live) return
      if (found) return setLoaded(found)
      // Never leave a privacy API waiting for a prompt that cannot be drawn.
      if (usePrivacy.getState().waiting.length > 0) usePrivacy.getState().disagree()
      if (useInLine.getState().waiting > 0) retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS)
    })
    return () => {
      live = false
      if (retry) clearTimeout(retry)
    }
  }, [loaded, needed, attempt])

  if (!loaded) return null
  const { PrivacyPrompt, InLineNotice } = loaded
  return (
    <>
      <InLineNotice />
      <PrivacyPrompt />
    </>
  )
}
