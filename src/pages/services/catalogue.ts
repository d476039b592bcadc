import type { Locale, ServiceType } from '@contracts/model'
import { localized } from '@/ui/text'

export interface ServiceCard {
  id: string
  name: string
  description: string
  /** Empty when there is nothing to bring: the line is left out rather than shown blank. */
  bring: string
  provider: string
  /** Readings taken at this service are sensitive personal information, visible only to the person. */
  sensitive: boolean
}

/** The catalogue in the person's language; the cloud already orders it as the community wants it listed. */
export function serviceCards(types: ServiceType[], locale: Locale): ServiceCard[] {
  return types.map((type) => ({
    id: type.id,
    name: localized(type.name, locale),
    description: localized(type.description, locale),
    bring: localized(type.bring, locale).trim(),
    provider: localized(type.provider, locale),
    sensitive: type.sensitive,
  }))
}
