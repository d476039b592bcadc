import * as account from '@contracts/account'
import { call, CALL_TIMEOUT_MS, CloudError, isUnanswered, setDevIdentitySource } from './api'

/** The H5 path: fetch to the local runtime with the dev identity header. */
const originalEnv = process.env.TARO_ENV
const fetchMock = jest.fn()

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  fetchMock.mockReset()
  global.fetch = fetchMock as unknown as typeof fetch
  setDevIdentitySource(() => 'h5-abcdefghijklmnop')
})

afterEach(() => {
  process.env.TARO_ENV = originalEnv
  jest.useRealTimers()
})

async function failure(promise: Promise<unknown>): Promise<CloudError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof CloudError) return error
    throw error
  }
  throw new Error('the call did not fail')
}

describe('call on H5', () => {
  it('sends the browser’s identity in the dev header', async () => {
    fetchMock.mockResolvedValue({ status: 200, json: async () => ({ ok: true, data: { nickname: '邻居' } }) })
    await call(account.me, {})
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/fn/account')
    expect((init.headers as Record<string, string>)['X-Dev-Openid']).toBe('h5-abcdefghijklmnop')
  })

  it('turns a call with no answer into a TIMEOUT after CALL_TIMEOUT_MS instead of waiting for ever', async () => {
    jest.useFakeTimers()
    fetchMock.mockImplementation(
      (_url: string, init: RequestInit) =>
        new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    )
    const pending = failure(call(account.me, {}))
    jest.advanceTimersByTime(CALL_TIMEOUT_MS - 1)
    await Promise.resolve()
    jest.advanceTimersByTime(1)
    const error = await pending
    expect(CALL_TIMEOUT_MS).toBe(15000)
    expect(error.code).toBe('TIMEOUT')
    expect(isUnanswered(error)).toBe(true)
  })

  it('names an unreachable server NETWORK, a non-JSON answer INTERNAL, and passes the cloud’s own code on', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const offline = await failure(call(account.me, {}))
    expect(offline.code).toBe('NETWORK')
    expect(isUnanswered(offline)).toBe(true)

    fetchMock.mockResolvedValueOnce({ status: 502, json: async () => JSON.parse('<html>') })
    const broken = await failure(call(account.me, {}))
    expect(broken.code).toBe('INTERNAL')
    expect(isUnanswered(broken)).toBe(false)

    fetchMock.mockResolvedValueOnce({ status: 401, json: async () => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'X-Dev-Openid header missing' } }) })
    expect((await failure(call(account.me, {}))).code).toBe('UNAUTHENTICATED')
  })
})
