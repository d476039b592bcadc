import { CloudError } from '@/core/api'
import type { T } from '@/core/i18n'
import type { CommonKey } from '@/ui/messages'
import { errorText } from '@/ui/text'
import type { ServiceKey } from './messages'

/** The cloud's field says which rule refused; those get words of their own, the rest the shared text per code. */
export function serviceErrorText(t: T<ServiceKey>, tc: T<CommonKey>, error: unknown, householdCap = 1): string {
  if (!(error instanceof CloudError)) return tc('error.INTERNAL')
  switch (error.field) {
    case 'householdCap':
      return t('error.householdCap', { n: householdCap })
    case 'cancelDeadline':
      return t('error.cutoff')
    case 'opensAt':
      return t('error.opensAt')
    case 'slotId':
    case 'startsAt':
      return error.code === 'CONFLICT' ? t('error.started') : errorText(tc, error)
    default:
      return errorText(tc, error)
  }
}
