import { Text, View } from '@tarojs/components'
import './Icon.scss'

/**
 * One icon of the app's own set (src/ui/icons.ts; subpackages keep theirs beside their pages): an SVG line drawing
 * used as a mask over the text colour, so it looks the same on every phone and in every browser, which emoji do not.
 * Decorative only: hidden from screen readers, and always next to words that say the same.
 */
export function Icon({ shape, className = '' }: { shape: string; className?: string }) {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='black' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'>${shape}</svg>`
  const image = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`
  return <View className={`icon ${className}`} aria-hidden="true" style={`-webkit-mask-image:${image};mask-image:${image}`} />
}

/**
 * An icon before a line of words. A View holding the icon and a Text, never the icon inside a Text: weapp draws only
 * text inside <text>, so an icon there would not show on phones.
 */
export function IconLine({ shape, className = '', children }: { shape: string; className?: string; children: string }) {
  return (
    <View className={`icon-line ${className}`}>
      <Icon shape={shape} />
      <Text className="icon-label">{children}</Text>
    </View>
  )
}
