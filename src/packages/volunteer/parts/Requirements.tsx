import { Text, View } from '@tarojs/components'
import type { Requirements as Needs } from '@contracts/volunteer'
import { useT } from '@/core/i18n'
import { IconLine } from '@/ui/Icon'
import { heart, shield } from '@/ui/icons'
import { speech } from './icons'
import { partsMessages, type PartsKey } from './messages'

/** A shift's requirements, one line each, with its icon where it has one. */
export function Requirements({ requirements }: { requirements: Needs }) {
  const t = useT(partsMessages)
  const lines: { text: string; icon?: string }[] = []
  if (requirements.language) lines.push({ text: t('req.language', { language: t(`lang.${requirements.language}` as PartsKey) }), icon: speech })
  if (requirements.training) lines.push({ text: t('req.training', { training: t(`training.${requirements.training}` as PartsKey) }) })
  if (requirements.insurance) lines.push({ text: t('req.insurance'), icon: shield })
  if (requirements.ageHealth) lines.push({ text: t('req.ageHealth'), icon: heart })
  if (lines.length === 0) lines.push({ text: t('req.none') })
  return (
    <View className="vol-reqs">
      {lines.map((line) =>
        line.icon ? (
          <IconLine key={line.text} shape={line.icon} className="vol-reqs__line">
            {line.text}
          </IconLine>
        ) : (
          <Text key={line.text} className="vol-reqs__line">
            {line.text}
          </Text>
        ),
      )}
    </View>
  )
}
