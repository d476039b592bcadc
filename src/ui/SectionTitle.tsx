import { Button, Text, View } from '@tarojs/components'
import './SectionTitle.scss'

interface Props {
  title: string
  /** A small action beside the title (such as "add"); still a full-height tap target. */
  action?: { label: string; onTap: () => void }
}

export function SectionTitle({ title, action }: Props) {
  return (
    <View className="section-title">
      <Text className="section-title__text">{title}</Text>
      {action ? (
        <Button className="btn btn--quiet section-title__action" onClick={action.onTap}>
          {action.label}
        </Button>
      ) : null}
    </View>
  )
}
