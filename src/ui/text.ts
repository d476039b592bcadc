import type { CloudError } from '@/core/api'
import type { T } from '@/core/i18n'
import type { LocalizedText, Locale, ResidencySummary } from '@contracts/model'
import type { CommonKey } from './messages'

/** Community-entered text: the person's language where someone translated it, else the Chinese original. */
export function localized(text: LocalizedText, locale: Locale): string {
  const value = text[locale]
  return value && value.trim() !== '' ? value : text['zh-CN']
}

/** The server's message is Chinese and meant for logs; people read our translated text for the stable code. */
export function errorText(t: T<CommonKey>, error: Pick<CloudError, 'code'>): string {
  return t(`error.${error.code}`)
}

export function homeLabel(t: T<CommonKey>, home: Pick<ResidencySummary, 'areaName' | 'buildingName' | 'unit' | 'room'>): string {
  return t('home', { area: home.areaName, building: home.buildingName, unit: home.unit, room: home.room })
}
