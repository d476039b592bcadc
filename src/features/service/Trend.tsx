import { Text, View } from '@tarojs/components'
import type { Reading } from '@contracts/service'
import { chinaDay } from '@domain/chinaTime'
import { useT } from '@/core/i18n'
import { serviceMessages } from './messages'
import { fromTop, latestChange, REFERENCE, trendColumns } from './trend'
import './service.scss'

/** A simple trend drawn with Views (no chart library): bars from lower to upper value, dashed reference lines. */
export function Trend({ readings }: { readings: Reading[] }) {
  const t = useT(serviceMessages)
  const columns = trendColumns(readings)
  const shown = readings.slice(-columns.length)
  const change = latestChange(readings)
  const latest = readings[readings.length - 1]
  return (
    <View className="card">
      <Text className="subtitle">{t('trend')}</Text>
      <View className="svc-chart" role="img" aria-label={t('chartLabel')}>
        {[REFERENCE.systolic, REFERENCE.diastolic].map((value) => (
          <View key={value} className="svc-chart__ref" style={{ top: `${fromTop(value)}%` }}>
            <Text className="svc-chart__ref-label">{value}</Text>
          </View>
        ))}
        <View className="svc-chart__cols">
          {columns.map((column) => (
            <View key={column.id} className="svc-chart__col">
              <View className={`svc-chart__bar ${column.high ? 'svc-chart__bar--high' : ''}`} style={{ top: `${column.top}%`, height: `${column.height}%` }} />
              {column.high ? (
                <Text className="svc-chart__mark" style={{ top: `${column.top}%` }} aria-hidden="true">
                  ▲
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      </View>
      <View className="svc-chart__days">
        {shown.map((reading) => (
          <Text key={reading.id} className="svc-chart__day">
            {chinaDay(new Date(reading.takenAt)).slice(5).replace('-', '/')}
          </Text>
        ))}
      </View>
      <Text className="svc-muted">{`- - - ${t('reference')}`}</Text>
      {latest ? <Text className="svc-line svc-gap">{t('latest', { value: t('value', { s: latest.systolic, d: latest.diastolic }) })}</Text> : null}
      {change ? <Text className="svc-line">{change.direction === 'same' ? t('changeSame') : t(change.direction === 'up' ? 'changeUp' : 'changeDown', { n: change.by })}</Text> : null}
    </View>
  )
}
