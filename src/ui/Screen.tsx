import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { fontScale, isElder, useSettings } from '@/core/settings'
import { Overlays } from './Overlays'

/**
 * Every page's root: applies the font scale (WeChat's setting and 长辈模式), the elder styles, and the language's way
 * of breaking lines (Korean between words, app.scss). It also shows WeChat's privacy guide whenever a privacy API
 * called from this page waits for the person's answer (PrivacyPrompt), so no page can leave such a call hanging;
 * and while a write waits in line (core/inLine) it says so (InLineNotice), so no one taps again or reads an error.
 * Both come through Overlays, which loads them from a subpackage on weapp (issue 19).
 */
export function Screen({ children, className = '' }: { children: ReactNode; className?: string }) {
  const elder = useSettings(isElder)
  const scale = useSettings(fontScale)
  const locale = useSettings((state) => state.locale)
  return (
    <View className={`screen screen--${locale} ${elder ? 'screen--elder' : ''} ${className}`} style={`--fs:${scale}`}>
      {children}
      <Overlays />
    </View>
  )
}
