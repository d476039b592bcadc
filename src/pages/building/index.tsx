import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import * as community from '@contracts/community'
import { useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { useCloud } from '@/core/useCloud'
import { badgeMessages } from '@/features/household/badgeMessages'
import { openCard, useHouseholdBadges } from '@/features/household/badges'
import { HouseholdLinks } from '@/features/household/HouseholdLinks'
import { Screen } from '@/ui/Screen'
import { Tappable } from '@/ui/Tappable'
import { JOIN_PAGE, SessionStatus, StatusView } from '@/ui/StatusView'
import { openAccountPage } from '@/ui/Overlays'
import { useTabShare } from '@/ui/share'
import { useTabPage } from '@/ui/useTabPage'
import { buildingChoices, buildingGrid, myRooms } from './grid'
import { messages } from './messages'
import './index.scss'
/** Above this many floors one's own room is usually off screen: offer to scroll to it rather than make people hunt. */
const TALL = 6

export default function BuildingPage() {
  const t = useT(messages)
  const me = useSession((state) => state.me)
  const choices = buildingChoices(me)
  const [chosenId, setChosenId] = useState<string | null>(null)
  const buildingId = choices.find((home) => home.buildingId === chosenId)?.buildingId ?? choices[0]?.buildingId ?? null
  const { data, error, loading, reload } = useCloud(community.viewBuilding, buildingId ? { buildingId } : null)
  // 亮身份: which rooms are shown party-member households, fetched beside the building and fresh on every return.
  const tb = useT(badgeMessages)
  const badges = useHouseholdBadges(buildingId)
  useTabShare('building')
  useTabPage(t('title'), () => {
    void useSession.getState().refresh()
    void reload()
    void badges.reload()
  })

  const bindHome = { label: t('bindHome'), onTap: () => openAccountPage(JOIN_PAGE) }

  let body
  if (!me) body = <SessionStatus />
  else if (!buildingId || error?.code === 'NOT_RESIDENT') {
    const waiting = me.residencies.some((home) => home.status === 'pending')
    body = <StatusView kind="not-visible" message={t(waiting ? 'waitingHome' : 'noHome')} action={bindHome} />
  }
  else if (error) body = <StatusView kind="error" error={error} onRetry={() => void reload()} />
  else if (loading || !data || data.building.id !== buildingId) body = <StatusView kind="loading" />
  else {
    const units = buildingGrid(data)
    const showUnit = units.length > 1
    body = (
      <View>
        <View className="card building__header">
          <Text className="title building__name">{t('header', { area: data.areaName, building: data.building.name, count: data.householdCount })}</Text>
          {badges.ready ? <Text className="household-count">{tb(badges.count > 0 ? 'count' : 'countNone', { count: badges.count })}</Text> : null}
          {myRooms(data).map((home) => (
            <Text key={`${home.unit}-${home.room}`} className="building__mine-line">
              {t('myHome', { unit: home.unit, room: home.room })}
            </Text>
          ))}
          <Text className="muted building__legend">{t('legend')}</Text>
          {badges.count > 0 ? <Text className="muted building__legend">{tb('legend')}</Text> : null}
          {data.building.floors > TALL ? (
            <Button className="btn btn--quiet btn--block building__find" onClick={() => void Taro.pageScrollTo({ selector: '.building__floor--mine', offsetTop: -16, duration: 300 })}>
              {`${t('findMine')} ↓`}
            </Button>
          ) : null}
        </View>
        {/* Node budget: a 33 × 8 building must stay under 1,000 nodes, so one View per floor and per room, nothing more. */}
        {units.map((unit) => (
          <View key={unit.unit} className="card building__unit" style={`--cols:${unit.columns};--lines:${unit.lines}`}>
            {showUnit ? <Text className="subtitle building__unit-title">{t('unit', { unit: unit.unit })}</Text> : null}
            {unit.floors.map((floor) => (
              <View key={floor.floor} className={floor.mine ? 'building__floor building__floor--mine' : 'building__floor'}>
                <Text className="building__floor-label">{t('floor', { floor: floor.floor })}</Text>
                {floor.rooms.map((room) => {
                  const party = badges.byId.get(room.householdId)
                  // A shown party-member household: the word "党员户" and a red border, and the cell opens its card.
                  const open = party ? () => openCard(room.householdId) : undefined
                  const shown = [room.room, room.mine ? t('mine') : '', tb('badge')].filter(Boolean).join(' ')
                  const label = party ? tb('roomLabel', { shown, name: party.displayName }) : undefined
                  return room.mine ? (
                    open ? (
                      <Tappable key={room.householdId} kind="cell" className="building__room building__room--mine" onTap={open} label={label}>
                        {`${room.room} `}
                        <Text className="building__mine">{t('mine')}</Text>
                        <Text className="household-room__badge">{tb('badge')}</Text>
                      </Tappable>
                    ) : (
                      <View key={room.householdId} className="building__room building__room--mine">
                        {room.room}
                        <Text className="building__mine">{t('mine')}</Text>
                      </View>
                    )
                  ) : party ? (
                    <Tappable key={room.householdId} kind="cell" className="building__room household-room" onTap={open} label={label}>
                      {/* The space keeps the number a word of its own for a reader matching the name to what shows (axe, Intl.Segmenter). */}
                      {`${room.room} `}
                      <Text className="household-room__badge">{tb('badge')}</Text>
                    </Tappable>
                  ) : (
                    <View key={room.householdId} className="building__room">
                      {room.room}
                    </View>
                  )
                })}
              </View>
            ))}
          </View>
        ))}
      </View>
    )
  }

  return (
    <Screen className="building">
      {choices.length > 1 ? (
        <View className="building__choices" aria-label={t('chooseBuilding')}>
          {choices.map((home) => {
            const selected = home.buildingId === buildingId
            return (
              <Tappable
                key={home.buildingId}
                className={`btn building__choice ${selected ? '' : 'btn--ghost'}`}
                role="radio"
                checked={selected}
                onTap={() => setChosenId(home.buildingId)}
              >
                {selected ? `✓ ${home.areaName} ${home.buildingName}` : `${home.areaName} ${home.buildingName}`}
              </Tappable>
            )
          })}
        </View>
      ) : null}
      <HouseholdLinks me={me} />
      {body}
    </Screen>
  )
}
