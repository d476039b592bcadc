import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { fontScale, isElder, useSettings } from '@/core/settings'

/** Every page's root: applies the font scale (WeChat's setting and 长辈模式) and the elder styles. */
export function Screen({ children, className = '' }: { children: ReactNode; className?: string }) {
  const elder = useSettings(isElder)
  const scale = useSettings(fontScale)
  return (
    <View className={`screen ${elder ? 'screen--elder' : ''} ${className}`} style={`--fs:${scale}`}>
      {children}
    </View>
  )
}
