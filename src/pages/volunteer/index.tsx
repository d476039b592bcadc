import { Text, View } from '@tarojs/components'
import * as volunteer from '@contracts/volunteer'
import { useT } from '@/core/i18n'
import { useSettings } from '@/core/settings'
import { useCloud } from '@/core/useCloud'
import { IconLine } from '@/ui/Icon'
import { shield } from '@/ui/icons'
import { Screen } from '@/ui/Screen'
import { StatusView } from '@/ui/StatusView'
import { useTabPage } from '@/ui/useTabPage'
import { TeamLink, VolunteerSection } from '@/features/volunteer/VolunteerSection'
import { messages } from './messages'
import { teamCards } from './teams'
import './index.scss'

export default function VolunteerPage() {
  const t = useT(messages)
  const locale = useSettings((state) => state.locale)
  const { data, error, loading, reload } = useCloud(volunteer.listTeams, {})
  useTabPage(t('title'), () => void reload())

  if (error) {
    return (
      <Screen className="volunteer">
        <StatusView kind="error" error={error} onRetry={() => void reload()} />
      </Screen>
    )
  }
  if (loading || !data) {
    return (
      <Screen className="volunteer">
        <StatusView kind="loading" />
      </Screen>
    )
  }
  const cards = teamCards(data, locale)
  return (
    <Screen className="volunteer">
      <Text className="volunteer__intro">{t('intro')}</Text>
      <VolunteerSection />
      {cards.length === 0 ? <StatusView kind="empty" message={t('empty')} /> : null}
      {cards.map((card) => (
        <View key={card.id} className="card volunteer__card">
          <View className="volunteer__head">
            <Text className="subtitle volunteer__name">{card.name}</Text>
            {card.needsInsurance ? <IconLine shape={shield} className="tag tag--warn volunteer__tag">{t('insurance')}</IconLine> : null}
          </View>
          <Text className="volunteer__purpose">{card.purpose}</Text>
          <View className="volunteer__facts">
            <Text>{t('leader', { name: card.leaderName })}</Text>
            <Text>{t('members', { count: card.memberCount })}</Text>
          </View>
          {card.needsInsurance ? <Text className="muted volunteer__note">{t('insuranceNote')}</Text> : null}
          <TeamLink teamId={card.id} />
        </View>
      ))}
    </Screen>
  )
}
