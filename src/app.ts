import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { initCloud, setDevIdentitySource } from '@/core/api'
import { currentIdentity } from '@/core/devIdentity'
import { usePrivacy, type PrivacyResolve } from '@/core/privacy'
import { useSession } from '@/core/session'
import { followSystemFontSize, useSettings } from '@/core/settings'
import { startDocumentA11y } from '@/ui/documentA11y'
import { syncTabBar } from '@/ui/tabBar'
import './app.scss'

type PrivacyListener = (resolve: PrivacyResolve, eventInfo?: { referrer?: string }) => void
interface WxPrivacy {
  onNeedPrivacyAuthorization?: (listener: PrivacyListener) => void
}

/**
 * With __usePrivacyCheck__ on, a privacy API called before the person agreed waits for us. Listening replaces WeChat's
 * own pop-up with the agreement that every page's shell shows while a call waits (ui/Screen → ui/PrivacyPrompt).
 */
function listenForPrivacyAuthorization(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  const fromTaro = (Taro as unknown as WxPrivacy).onNeedPrivacyAuthorization
  const wx = (globalThis as { wx?: WxPrivacy }).wx
  const listen = typeof fromTaro === 'function' ? fromTaro.bind(Taro) : wx && typeof wx.onNeedPrivacyAuthorization === 'function' ? wx.onNeedPrivacyAuthorization.bind(wx) : null
  // Older base libraries have no privacy guide at all: nothing waits, so nothing to listen for.
  if (!listen) return
  listen((resolve, eventInfo) => usePrivacy.getState().need(resolve, eventInfo?.referrer))
}

if (process.env.TARO_ENV === 'h5') {
  // Local runtime only: like WeChat's OPENID, every browser has an identity (its own, made on the first visit, or the
  // demo resident picked on 我的).
  setDevIdentitySource(currentIdentity)
  // Every Taro button a button to screen readers and the keyboard; labels on the real input and image (issue 21).
  startDocumentA11y(document)
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
    listenForPrivacyAuthorization()
    followSystemFontSize()
    syncTabBar(useSettings.getState().locale)
    useSettings.subscribe((state, previous) => {
      if (state.locale !== previous.locale) syncTabBar(state.locale)
    })
    // A language saved to the profile (chosen on another phone, or set for a demo resident) wins when it arrives or changes.
    useSession.subscribe((state, previous) => {
      const saved = state.me?.locale
      if (saved && saved !== previous.me?.locale && saved !== useSettings.getState().chosenLocale) useSettings.getState().setLocale(saved)
    })
    void useSession.getState().refresh()
  })
  return children
}

export default App
