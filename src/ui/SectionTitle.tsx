import { Button, View } from '@tarojs/components'
import { headingAttributes } from './heading'
import './SectionTitle.scss'

interface Props {
  title: string
  /** A small action beside the title (such as "add"); still a full-height tap target. */
  action?: { label: string; onTap: () => void }
}

export function SectionTitle({ title, action }: Props) {
  return (
    <View className="section-title">
      {/* A View, not a Text: weapp's templates carry aria-role on View (config/a11y.ts). */}
      <View className="section-title__text" {...headingAttributes(2)}>
        {title}
      </View>
      {action ? (
        <Button className="btn btn--quiet section-title__action" onClick={action.onTap}>
          {action.label}
        </Button>
      ) : null}
    </View>
  )
}
