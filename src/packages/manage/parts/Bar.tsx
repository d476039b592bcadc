import { Text, View } from '@tarojs/components'
import './parts.scss'

export type BarTone = 'main' | 'ok' | 'soft' | 'warn'

/**
 * A horizontal bar drawn with Views (no chart library: the subpackage stays small and it renders the same on weapp and
 * H5). Each part of the bar has its own tone; the numbers always stand beside it in words, so nothing is told by
 * length or colour alone.
 */
export function Bar({ parts, max, label, id }: { parts: { value: number; tone: BarTone }[]; max: number; label: string; id?: string }) {
  const scale = max > 0 ? 100 / max : 0
  return (
    <View className="bar" id={id}>
      <View className="bar__track" aria-hidden="true">
        {parts.map((part, index) =>
          part.value > 0 ? <View key={index} className={`bar__part bar__part--${part.tone}`} style={`width:${Math.max(0.5, part.value * scale).toFixed(2)}%`} /> : null,
        )}
      </View>
      <Text className="bar__label">{label}</Text>
    </View>
  )
}

/** The key to a chart's tones: a small swatch with a glyph and words for each. */
export function Legend({ items }: { items: { tone: BarTone; label: string }[] }) {
  return (
    <View className="legend">
      {items.map((item) => (
        <View key={item.label} className="legend__item">
          <View className={`legend__swatch bar__part--${item.tone}`} aria-hidden="true" />
          <Text>{item.label}</Text>
        </View>
      ))}
    </View>
  )
}
