import { Button, Text, View } from '@tarojs/components'
import './BigAction.scss'

export type BigActionSize = 'normal' | 'large'

interface Props {
  /** A picture-like character, so the tile is recognisable before it is read. */
  glyph: string
  title: string
  description?: string
  size?: BigActionSize
  onTap: () => void
}

/** One of the home page's main doors: the whole tile is the tap target. */
export function BigAction({ glyph, title, description, size = 'normal', onTap }: Props) {
  return (
    <Button className={`big-action big-action--${size}`} hoverClass="big-action--pressed" onClick={onTap}>
      <Text className="big-action__glyph" aria-hidden="true">
        {glyph}
      </Text>
      <View className="big-action__body">
        <Text className="big-action__title">{title}</Text>
        {description ? <Text className="big-action__description">{description}</Text> : null}
      </View>
      <Text className="big-action__chevron" aria-hidden="true">
        ›
      </Text>
    </Button>
  )
}
