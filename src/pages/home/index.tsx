import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { isElder, useSettings } from '@/core/settings'
import { BigAction } from '@/ui/BigAction'
import { IconLine } from '@/ui/Icon'
import { building, heart, hourglass, scissors } from '@/ui/icons'
import { common } from '@/ui/messages'
import { Screen } from '@/ui/Screen'
import { JOIN_PAGE, PRIVACY_PAGE, SessionStatus } from '@/ui/StatusView'
import { openAccountPage } from '@/ui/Overlays'
import { homeLabel } from '@/ui/text'
import { useTabShare } from '@/ui/share'
import { useTabPage } from '@/ui/useTabPage'
import { messages } from './messages'
import { homeCards } from './model'
import './index.scss'

export default function HomePage() {
  const t = useT(messages)
  const tc = useT(common)
  const elder = useSettings(isElder)
  const me = useSession((state) => state.me)
  useTabPage(t('title'), () => void useSession.getState().refresh())
  useTabShare('home')

  if (!me) {
    return (
      <Screen className="home">
        <SessionStatus />
      </Screen>
    )
  }

  const cards = homeCards(me)
  const size = elder ? 'large' : 'normal'
  return (
    <Screen className={`home ${elder ? 'home--elder' : ''}`}>
      <Text className="title home__greeting">{me.nickname ? t('greeting', { name: me.nickname }) : t('greetingAnonymous')}</Text>
      {elder ? null : <Text className="home__intro">{t('intro')}</Text>}

      {cards.askPrivacy ? (
        <View className="card home__card home__card--privacy">
          <Text className="subtitle home__card-title">{t('privacyTitle')}</Text>
          <Text className="home__card-body">{t('privacyBody')}</Text>
          <Button className="btn btn--block home__card-action" onClick={() => openAccountPage(PRIVACY_PAGE)}>
            {t('privacyAction')}
          </Button>
        </View>
      ) : null}

      {cards.askHome ? (
        <View className="card home__card">
          <Text className="subtitle home__card-title">{t('homeTitle')}</Text>
          <Text className="home__card-body">{t('homeBody')}</Text>
          {cards.pending.map((home) => (
            <View key={home.id} className="home__pending">
              <Text className="home__pending-address">{homeLabel(tc, home)}</Text>
              <IconLine shape={hourglass} className="tag tag--warn home__tag">{tc('status.pending')}</IconLine>
            </View>
          ))}
          {cards.pending.length > 0 ? <Text className="muted home__pending-note">{t('pendingBody')}</Text> : null}
          <Button className={`btn btn--block home__card-action ${cards.pending.length > 0 ? 'btn--ghost' : ''}`} onClick={() => openAccountPage(JOIN_PAGE)}>
            {t('homeAction')}
          </Button>
        </View>
      ) : null}

      <View className="home__actions">
        <BigAction icon={building} title={t('building')} description={elder ? undefined : t('buildingHint')} size={size} onTap={() => void Taro.switchTab({ url: '/pages/building/index' })} />
        <BigAction icon={scissors} title={t('services')} description={elder ? undefined : t('servicesHint')} size={size} onTap={() => void Taro.switchTab({ url: '/pages/services/index' })} />
        <BigAction icon={heart} title={t('volunteer')} description={elder ? undefined : t('volunteerHint')} size={size} onTap={() => void Taro.switchTab({ url: '/pages/volunteer/index' })} />
      </View>
    </Screen>
  )
}
