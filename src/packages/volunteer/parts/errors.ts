import { CloudError } from '@/core/api'
import type { T } from '@/core/i18n'
import type { CommonKey } from '@/ui/messages'
import { errorText } from '@/ui/text'
import { partsMessages, type PartsKey } from './messages'

const REFUSALS = new Set(Object.keys(partsMessages['zh-CN']).filter((key) => key.startsWith('refuse.')).map((key) => key.slice('refuse.'.length)))

/**
 * What to tell a person when the cloud refused: the volunteer function names the rule that refused in `field`
 * (overlap, deadline, insurance …), so the sentence says exactly why; anything else gets the common sentence.
 */
export function refusalText(t: T<PartsKey>, tc: T<CommonKey>, error: unknown): string {
  const cloud = error instanceof CloudError ? error : new CloudError('INTERNAL', String(error))
  if (cloud.code === 'CODE_INVALID') return t('refuse.code')
  if (cloud.code === 'INVALID_INPUT' && cloud.field === 'minutes') return t('refuse.minutes')
  if (cloud.field && REFUSALS.has(cloud.field)) return t(`refuse.${cloud.field}` as PartsKey)
  return errorText(tc, cloud)
}
