import { Text, View } from '@tarojs/components'
import * as service from '@contracts/service'
import { useT } from '@/core/i18n'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { UpcomingSessions } from '@/features/service/UpcomingSessions'
import { Icon } from '@/ui/Icon'
import { lock } from '@/ui/icons'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { useTabPage } from '@/ui/useTabPage'
import { serviceCards } from './catalogue'
import { messages } from './messages'
import './index.scss'

export default function ServicesPage() {
  const t = useT(messages)
  const locale = useSettings((state) => state.locale)
  const { data, error, loading, reload } = useCloud(service.listServiceTypes, {})
  useTabPage(t('title'), () => void reload())

  if (error) {
    return (
      <Screen className="services">
        <StatusView kind="error" error={error} onRetry={() => void reload()} />
      </Screen>
    )
  }
  if (loading || !data) {
    return (
      <Screen className="services">
        <StatusView kind="loading" />
      </Screen>
    )
  }
  const cards = serviceCards(data, locale)
  return (
    <Screen className="services">
      <Text className="services__intro">{t('intro')}</Text>
      <UpcomingSessions />
      {cards.length === 0 ? <StatusView kind="empty" message={t('empty')} /> : null}
      {cards.map((card) => (
        <View key={card.id} className="card services__card">
          <Text className="subtitle services__name">{card.name}</Text>
          <Text className="services__description">{card.description}</Text>
          {card.bring ? <Text className="services__line">{t('bring', { items: card.bring })}</Text> : null}
          <Text className="services__line">{t('provider', { provider: card.provider })}</Text>
          {card.sensitive ? (
            <View className="services__sensitive">
              <Icon shape={lock} className="services__sensitive-glyph" />
              <Text>{t('sensitive')}</Text>
            </View>
          ) : null}
        </View>
      ))}
    </Screen>
  )
}
