import Taro from '@tarojs/taro'
import { useEffect } from 'react'

/** The navigation bar follows the chosen language (index.config.ts holds the Chinese title shown before the page runs). */
export function useTitle(title: string): void {
  useEffect(() => {
    // The title is cosmetic: a failed change is swallowed, never an unhandled rejection.
    void Taro.setNavigationBarTitle({ title }).catch(() => undefined)
  }, [title])
}
