import { Text, View } from '@tarojs/components'
import { useInLine } from '@/core/api'
import { useT } from '@/core/i18n'
import { Icon } from './Icon'
import { hourglass } from './icons'
import { inLineMessages } from './inLineMessages'

// A status, in the attribute each target reads: Taro's H5 View takes `role`, WeChat's reader `aria-role` (config/a11y.ts).
const STATUS = process.env.TARO_ENV === 'h5' ? { role: 'status' } : { 'aria-role': 'status' }

/**
 * While a write waits in line (core/inLine through core/api), every page's shell (Screen) shows so at the bottom of
 * the screen, in large words, and screen readers hear it once: the person waits instead of tapping again.
 */
export function InLineNotice() {
  const t = useT(inLineMessages)
  const waiting = useInLine((state) => state.waiting > 0)
  if (!waiting) return null
  return (
    <View className="in-line" id="in-line" aria-live="polite" {...STATUS}>
      <View className="in-line__glyph" aria-hidden="true">
        <Icon shape={hourglass} />
      </View>
      <View className="in-line__body">
        <Text className="in-line__title">{t('title')}</Text>
        <Text className="in-line__text">{t('text')}</Text>
      </View>
    </View>
  )
}
