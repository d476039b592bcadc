import { Text, View } from '@tarojs/components'
import type { Requirements as Needs } from '@contracts/volunteer'
import { useT } from '@/core/i18n'
import { partsMessages, type PartsKey } from './messages'

/** A shift's requirements, one line each with its glyph. */
export function Requirements({ requirements }: { requirements: Needs }) {
  const t = useT(partsMessages)
  const lines: string[] = []
  if (requirements.language) lines.push(t('req.language', { language: t(`lang.${requirements.language}` as PartsKey) }))
  if (requirements.training) lines.push(t('req.training', { training: t(`training.${requirements.training}` as PartsKey) }))
  if (requirements.insurance) lines.push(t('req.insurance'))
  if (requirements.ageHealth) lines.push(t('req.ageHealth'))
  if (lines.length === 0) lines.push(t('req.none'))
  return (
    <View className="vol-reqs">
      {lines.map((line) => (
        <Text key={line} className="vol-reqs__line">
          {line}
        </Text>
      ))}
    </View>
  )
}
