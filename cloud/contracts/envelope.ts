/**
 * The one response envelope every cloud action answers with, and the stable error codes.
 * Clients branch on `code` (stable); `message` is for people and logs (Chinese, as the
 * community reads it); the client shows its own translated text for each code.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_ACTION',
  'UNAUTHENTICATED',
  'CONSENT_REQUIRED',
  'NOT_RESIDENT',
  'FORBIDDEN',
  'NOT_VISIBLE',
  'NOT_FOUND',
  'CONFLICT',
  'CODE_INVALID',
  'CODE_EXPIRED',
  'RATE_LIMITED',
  /** The cloud's quota turned the call away after its retries (-501003 / -501004): the person is in line, not refused. */
  'BUSY',
  'CONTENT_RISKY',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorBody {
  code: ErrorCode
  message: string
  /** The input field at fault, for INVALID_INPUT. */
  field?: string
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }

export class AppError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = field
  }
}

export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const ok = (value as { ok?: unknown }).ok
  return ok === true || ok === false
}
