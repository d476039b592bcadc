import { VOLUNTEER_TEMPLATES } from '@contracts/volunteer'
import { askForPromotionNotice } from './subscribe'

/** H5: the tap stands for 允许, recorded with the local runtime as WeChat records it. */
const originalEnv = process.env.TARO_ENV
const fetchMock = jest.fn()

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  fetchMock.mockReset()
  global.fetch = fetchMock as unknown as typeof fetch
})

afterEach(() => {
  process.env.TARO_ENV = originalEnv
})

it('records the 候补成功 template for this browser’s identity; no yes when the runtime could not record it', async () => {
  fetchMock.mockResolvedValueOnce({ ok: true, status: 200 })
  expect(await askForPromotionNotice()).toBe(true)
  const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
  expect(url).toBe('/dev/subscriptions')
  expect(JSON.parse(String(init.body))).toEqual({ templateIds: [VOLUNTEER_TEMPLATES.promotion] })
  fetchMock.mockRejectedValueOnce(new TypeError('offline'))
  expect(await askForPromotionNotice()).toBe(false)
})
