import { CloudError } from '@/core/api'

/** The code of whatever a call threw; anything that is not a CloudError counts as INTERNAL. */
export function errorCode(error: unknown): CloudError['code'] {
  return error instanceof CloudError ? error.code : 'INTERNAL'
}
