import { SUBSCRIBE_TEMPLATES } from '@contracts/service'
import { askForMessages } from './subscribe'

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

it('records the accepted templates for this browser’s identity, with the dev header', async () => {
  fetchMock.mockResolvedValue({ ok: true, status: 200 })
  expect(await askForMessages(['promotion', 'reminder'])).toEqual({ reminder: true, promotion: true })
  const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
  expect(url).toBe('/dev/subscriptions')
  expect(init.headers).toMatchObject({ 'X-Linliting-Dev': '1', 'X-Dev-Openid': expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) })
  expect(JSON.parse(String(init.body))).toEqual({ templateIds: [SUBSCRIBE_TEMPLATES.promotion, SUBSCRIBE_TEMPLATES.reminder] })
})

it('promises no message when the runtime could not record the yes', async () => {
  fetchMock.mockResolvedValue({ ok: false, status: 403 })
  expect(await askForMessages(['reminder'])).toEqual({ reminder: false, promotion: false })
  fetchMock.mockRejectedValue(new TypeError('offline'))
  expect(await askForMessages(['reminder'])).toEqual({ reminder: false, promotion: false })
})
