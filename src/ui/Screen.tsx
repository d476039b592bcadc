import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { fontScale, isElder, useSettings } from '@/core/settings'

/**
 * Every page's root: applies the font scale (WeChat's setting and 长辈模式), the elder styles, and the language's way
 * of breaking lines (Korean between words, app.scss).
 */
export function Screen({ children, className = '' }: { children: ReactNode; className?: string }) {
  const elder = useSettings(isElder)
  const scale = useSettings(fontScale)
  const locale = useSettings((state) => state.locale)
  return (
    <View className={`screen screen--${locale} ${elder ? 'screen--elder' : ''} ${className}`} style={`--fs:${scale}`}>
      {children}
    </View>
  )
}
