import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { useSettings } from '@/core/settings'
import { syncTabBar } from './tabBar'

/**
 * What every tab page does when it comes on screen: the title and tab labels in the person's language, and fresh data
 * on a return visit (after binding a home or agreeing in a subpackage page). The first show needs no reload: the page
 * has just loaded its data, and app.ts has just fetched the session.
 */
export function useTabPage(title: string, onReturn?: () => void): void {
  const locale = useSettings((state) => state.locale)
  const shownBefore = useRef(false)

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title }).catch(() => undefined)
  }, [title])

  useDidShow(() => {
    syncTabBar(locale)
    if (shownBefore.current) onReturn?.()
    shownBefore.current = true
  })
}
