import { Text, View } from '@tarojs/components'
import { Icon } from './Icon'
import { Tappable } from './Tappable'
import './BigAction.scss'

export type BigActionSize = 'normal' | 'large'

interface Props {
  /** An icon of the app's set (src/ui/icons.ts), so the tile is recognisable before it is read… */
  icon?: string
  /** …or a typographic mark every font has (never an emoji: those differ between phones or draw as empty boxes). */
  glyph?: string
  title: string
  description?: string
  size?: BigActionSize
  onTap: () => void
}

/** One of the home page's main doors: the whole tile is the tap target. */
export function BigAction({ icon, glyph, title, description, size = 'normal', onTap }: Props) {
  return (
    <Tappable className={`big-action big-action--${size}`} hoverClass="big-action--pressed" onTap={onTap}>
      <View className="big-action__glyph" aria-hidden="true">
        {icon ? <Icon shape={icon} className="big-action__icon" /> : glyph}
      </View>
      <View className="big-action__body">
        <Text className="big-action__title">{title}</Text>
        {description ? <Text className="big-action__description">{description}</Text> : null}
      </View>
      <Text className="big-action__chevron" aria-hidden="true">
        ›
      </Text>
    </Tappable>
  )
}
