import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Me } from '@contracts/model'
import { useT } from '@/core/i18n'
import { badgeMessages } from './badgeMessages'
import { HOUSEHOLD_PAGES, householdLinks } from './badges'
import './badge.scss'

/** The doors from the 楼栋 tab to the household pages: one's own household, and for admins the queue and coverage. */
export function HouseholdLinks({ me }: { me: Me | null }) {
  const t = useT(badgeMessages)
  const links = householdLinks(me)
  if (!links.mine && !links.admin) return null
  const go = (url: string) => () => void Taro.navigateTo({ url })
  return (
    <View className="household-links">
      {links.mine ? (
        <Button className="btn btn--ghost household-links__link" onClick={go(HOUSEHOLD_PAGES.mine)}>
          {`${t('myHousehold')} ›`}
        </Button>
      ) : null}
      {links.admin ? (
        <Button className="btn btn--ghost household-links__link" onClick={go(HOUSEHOLD_PAGES.review)}>
          {`${t('review')} ›`}
        </Button>
      ) : null}
      {links.admin ? (
        <Button className="btn btn--ghost household-links__link" onClick={go(HOUSEHOLD_PAGES.coverage)}>
          {`${t('coverage')} ›`}
        </Button>
      ) : null}
    </View>
  )
}
