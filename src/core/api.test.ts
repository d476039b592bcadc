import Taro from '@tarojs/taro'
import * as account from '@contracts/account'
import * as service from '@contracts/service'
import { call, CALL_TIMEOUT_MS, CloudError, isUnanswered, setDevIdentitySource, useInLine } from './api'
import { IN_LINE } from './inLine'

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

describe('a write waits in line', () => {
  const busy = { status: 200, json: async () => ({ ok: false, error: { code: 'BUSY', message: '现在办理的人很多，您已在排队，请稍后再试一次' } }) }
  const booked = { status: 200, json: async () => ({ ok: true, data: { id: 'b1', status: 'confirmed' } }) }
  const sentIds = () => fetchMock.mock.calls.map(([, init]) => (JSON.parse(String((init as RequestInit).body)) as { requestId?: string }).requestId)

  it('tries a BUSY booking again with the same request id, shows the waiting, and gives the booking', async () => {
    jest.useFakeTimers()
    fetchMock.mockResolvedValueOnce(busy).mockResolvedValueOnce(busy).mockResolvedValueOnce(booked)
    const onWait = jest.fn()
    const pending = call(service.book, { slotId: 's-1' }, 'req-abc', onWait)
    await jest.advanceTimersByTimeAsync(0)
    expect(useInLine.getState().waiting).toBe(1)
    await jest.advanceTimersByTimeAsync(IN_LINE.firstWaitMs + 2 * IN_LINE.firstWaitMs)
    await expect(pending).resolves.toEqual({ id: 'b1', status: 'confirmed' })
    expect(sentIds()).toEqual(['req-abc', 'req-abc', 'req-abc'])
    expect(onWait.mock.calls).toEqual([[true], [false]])
    expect(useInLine.getState().waiting).toBe(0)
  })

  it('after the budget, passes BUSY on', async () => {
    jest.useFakeTimers()
    fetchMock.mockResolvedValue(busy)
    const pending = failure(call(service.book, { slotId: 's-1' }, 'req-abc'))
    await jest.advanceTimersByTimeAsync(IN_LINE.budgetMs + IN_LINE.maxWaitMs)
    const error = await pending
    expect(error.code).toBe('BUSY')
    expect(new Set(sentIds())).toEqual(new Set(['req-abc']))
    expect(fetchMock.mock.calls.length).toBeGreaterThan(10)
    expect(useInLine.getState().waiting).toBe(0)
  })

  it('waits in line on the local runtime’s instance-quota and time-limit refusals too; other errors end it', async () => {
    jest.useFakeTimers()
    fetchMock
      .mockResolvedValueOnce({ status: 502, json: async () => ({ ok: false, error: { code: 'INTERNAL', message: '-501004 exceed concurrent request limit: function service already runs 20 instances' } }) })
      .mockResolvedValueOnce({ status: 502, json: async () => ({ ok: false, error: { code: 'INTERNAL', message: '-504003 Invoking task timed out after 3 seconds' } }) })
      .mockResolvedValueOnce({ status: 200, json: async () => ({ ok: false, error: { code: 'CONFLICT', message: '名额已满' } }) })
    const pending = failure(call(service.book, { slotId: 's-1' }, 'req-abc'))
    await jest.advanceTimersByTimeAsync(IN_LINE.firstWaitMs * 3)
    expect((await pending).code).toBe('CONFLICT')
    expect(sentIds()).toEqual(['req-abc', 'req-abc', 'req-abc'])
  })

  it('never retries a read: BUSY comes back at once', async () => {
    fetchMock.mockResolvedValue(busy)
    expect((await failure(call(account.me, {}))).code).toBe('BUSY')
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(useInLine.getState().waiting).toBe(0)
  })
})

describe('call on weapp', () => {
  const stand = Taro.cloud
  afterEach(() => {
    Object.assign(Taro, { cloud: stand })
  })

  it('names wx.cloud.callFunction’s -501004 / -504003 failures BUSY and waits in line on them with the same request id', async () => {
    process.env.TARO_ENV = 'weapp'
    jest.useFakeTimers()
    const callFunction = jest
      .fn()
      .mockRejectedValueOnce({ errCode: -504003, errMsg: 'cloud.callFunction:fail -504003 Invoking task timed out after 3 seconds' })
      .mockRejectedValueOnce({ errCode: -501004, errMsg: 'cloud.callFunction:fail -501004 exceed concurrent request limit' })
      .mockResolvedValueOnce({ result: { ok: true, data: { id: 'b1' } } })
    Object.assign(Taro, { cloud: { callFunction } })
    const pending = call(service.book, { slotId: 's-1' }, 'req-w')
    await jest.advanceTimersByTimeAsync(IN_LINE.firstWaitMs * 3)
    await expect(pending).resolves.toEqual({ id: 'b1' })
    expect(callFunction.mock.calls.map(([options]) => (options as { data: { requestId: string } }).data.requestId)).toEqual(['req-w', 'req-w', 'req-w'])

    callFunction.mockRejectedValueOnce({ errCode: -504003, errMsg: 'cloud.callFunction:fail -504003 Invoking task timed out after 3 seconds' })
    const read = await failure(call(account.me, {}))
    expect(read.code).toBe('BUSY')
    expect(read.message).toMatch(/-504003/)
  })
})
