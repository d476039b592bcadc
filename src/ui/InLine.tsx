import { Text, View } from '@tarojs/components'
import { useInLine } from '@/core/api'
import { defineMessages, useT } from '@/core/i18n'
import { Icon } from './Icon'
import { hourglass } from './icons'
import './InLine.scss'

const inLineMessages = defineMessages({
  'zh-CN': { title: '排队中，请稍候…', text: '现在办理的人很多。我们会自动帮您再试，不用再点。' },
  en: { title: 'You are in line, please wait…', text: 'Many people are doing this right now. We keep trying for you: no need to tap again.' },
  ko: { title: '차례를 기다리는 중입니다. 잠시만요…', text: '지금 이용하는 분이 많습니다. 자동으로 다시 시도하니 다시 누르지 않으셔도 됩니다.' },
  ja: { title: '順番待ちです。少々お待ちください…', text: '今は利用する人が多いため、自動でもう一度試しています。もう一度押す必要はありません。' },
})

/**
 * While a write waits in line (core/inLine through core/api), every page's shell (Screen) shows so at the bottom of
 * the screen, in large words, and screen readers hear it once: the person waits instead of tapping again.
 */
export function InLineNotice() {
  const t = useT(inLineMessages)
  const waiting = useInLine((state) => state.waiting > 0)
  if (!waiting) return null
  return (
    <View className="in-line" id="in-line" role="status" aria-live="polite">
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
