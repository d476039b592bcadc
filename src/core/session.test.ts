import type { Me } from '@contracts/model'

/** Issue 19: a cold start draws the last known person at once and refreshes behind it. */
const ME = { nickname: '李阿姨', avatarUrl: '', locale: null, elderMode: false, consents: [], roles: [], residencies: [] } as unknown as Me
const KEY = 'linliting.session'

jest.mock('./api', () => ({ ...jest.requireActual('./api'), call: jest.fn() }))

interface Start {
  useSession: (typeof import('./session'))['useSession']
  call: jest.Mock
  storage: { get(key: string): unknown; set(key: string, value: unknown): void }
}

/** A new start of the app: fresh modules over a phone storage that holds `kept` (what the last run left). */
function start(kept?: unknown): Start {
  let loaded: Start | undefined
  jest.isolateModules(() => {
    const Taro = (jest.requireActual('@tarojs/taro') as { default: { getStorageSync(key: string): unknown; setStorageSync(key: string, value: unknown): void } }).default
    if (kept !== undefined) Taro.setStorageSync(KEY, kept)
    const { useSession } = jest.requireActual('./session') as typeof import('./session')
    loaded = { useSession, call: (jest.requireMock('./api') as { call: jest.Mock }).call, storage: { get: (key) => Taro.getStorageSync(key), set: (key, value) => Taro.setStorageSync(key, value) } }
  })
  return loaded!
}

it('starts with nobody when nothing is kept, and keeps what the cloud answered', async () => {
  const { useSession, call, storage } = start()
  expect(useSession.getState().me).toBeNull()
  call.mockResolvedValueOnce(ME)
  await useSession.getState().refresh()
  expect(useSession.getState().fresh).toBe(true)
  expect(storage.get(KEY)).toEqual({ who: '', me: ME })
})

it('draws the kept copy at once on the next start, marked not fresh until the refresh answers', () => {
  const { useSession } = start({ who: '', me: ME })
  expect(useSession.getState().me).toEqual(ME)
  expect(useSession.getState().fresh).toBe(false)
})

it('ignores a copy kept for someone else or broken, and a deleted account leaves none behind', () => {
  expect(start({ who: 'demo-party', me: ME }).useSession.getState().me).toBeNull()
  expect(start({ who: '', me: { nickname: 'x' } }).useSession.getState().me).toBeNull()
  const { useSession, storage } = start({ who: '', me: ME })
  useSession.setState({ me: null })
  expect(storage.get(KEY)).toBeFalsy()
})
