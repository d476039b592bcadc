import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import * as community from '@contracts/community'
import type { Area } from '@contracts/model'
import { useT } from '@/core/i18n'
import { useCloud } from '@/core/useCloud'
import { StatusView } from '@/ui/StatusView'
import { partsMessages } from './messages'
import './parts.scss'

export interface PickedBuilding {
  id: string
  name: string
  areaId: string
  areaName: string
}

/** Estate first, then building, as big list buttons (a sub-district has ~10 estates of up to a few dozen buildings). */
export function BuildingPicker({ onPick }: { onPick: (building: PickedBuilding) => void }) {
  const t = useT(partsMessages)
  const [area, setArea] = useState<Area | null>(null)
  const areas = useCloud(community.listAreas, area ? null : {})
  const buildings = useCloud(community.listBuildings, area ? { areaId: area.id } : null)

  if (!area) {
    return (
      <View className="picker">
        <Text className="label">{t('chooseArea')}</Text>
        {areas.error ? <StatusView kind="error" error={areas.error} onRetry={() => void areas.reload()} /> : null}
        {areas.loading && !areas.data ? <StatusView kind="loading" /> : null}
        {areas.data && areas.data.length === 0 ? <StatusView kind="empty" message={t('noAreas')} /> : null}
        {areas.data?.map((item) => (
          <Button key={item.id} className="choice" onClick={() => setArea(item)}>
            <Text>{item.name}</Text>
            <Text className="choice__hint">›</Text>
          </Button>
        ))}
      </View>
    )
  }
  return (
    <View className="picker">
      <View className="row">
        <Text className="label">{`${area.name} · ${t('chooseBuilding')}`}</Text>
        <Button className="btn btn--quiet picker__back" onClick={() => setArea(null)}>
          {`‹ ${t('otherArea')}`}
        </Button>
      </View>
      {buildings.error ? <StatusView kind="error" error={buildings.error} onRetry={() => void buildings.reload()} /> : null}
      {buildings.loading && !buildings.data ? <StatusView kind="loading" /> : null}
      {buildings.data && buildings.data.length === 0 ? <StatusView kind="empty" message={t('noBuildings')} /> : null}
      {buildings.data?.map((item) => (
        <Button key={item.id} className="choice" onClick={() => onPick({ id: item.id, name: item.name, areaId: area.id, areaName: area.name })}>
          <Text>{item.name}</Text>
          <Text className="choice__hint">›</Text>
        </Button>
      ))}
    </View>
  )
}
