import { CloudError } from '@/core/api'
import type { PartsKey } from './messages'

const KNOWN = new Set<string>([
  'NETWORK',
  'INTERNAL',
  'FORBIDDEN',
  'CONSENT_REQUIRED',
  'RATE_LIMITED',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'CONTENT_RISKY',
])

/** The code of whatever a call threw; anything that is not a CloudError counts as INTERNAL. */
export function errorCode(error: unknown): CloudError['code'] {
  return error instanceof CloudError ? error.code : 'INTERNAL'
}

/** The generic sentence for an error code; pages override the codes that mean something specific to them. */
export function errorKey(error: unknown): PartsKey {
  const code = errorCode(error)
  return KNOWN.has(code) ? (`err_${code}` as PartsKey) : 'err_other'
}
