import { act, render } from '@testing-library/react'
import { useInLine } from '@/core/api'
import { usePrivacy, type PrivacyResolve } from '@/core/privacy'
import { Overlays, RETRY_MS } from './Overlays'

/**
 * On weapp the privacy prompt and the in-line notice come from packages/account/overlays.js through WeChat's
 * require.async (issue 19; config/lazy-modules.js moves them there). Here TARO_ENV is weapp and require.async a
 * stand-in. The module keeps what it loaded for the app's life, so the cases that cannot load come first.
 */
type Loader = jest.Mock<Promise<Record<string, unknown>>, [string]>
const globals = globalThis as { __non_webpack_require__?: { async?: Loader }; __webpack_modules__?: Record<string, unknown> }
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)))

beforeEach(() => {
  process.env.TARO_ENV = 'weapp'
})

afterEach(() => {
  act(() => {
    useInLine.setState({ waiting: 0 })
    usePrivacy.setState({ waiting: [], shown: false })
  })
  Reflect.deleteProperty(process.env, 'TARO_ENV')
  globals.__non_webpack_require__ = undefined
  globals.__webpack_modules__ = undefined
  jest.useRealTimers()
})

describe('the privacy prompt and the in-line notice, loaded from a subpackage on weapp', () => {
  it('declines a waiting privacy API when the file cannot be loaded: no call is left hanging', async () => {
    const load: Loader = jest.fn<Promise<Record<string, unknown>>, [string]>(() => Promise.reject({ errMsg: 'module "packages/account/overlays.js" is not defined' }))
    globals.__non_webpack_require__ = { async: load }
    render(<Overlays />)
    const answers: Parameters<PrivacyResolve>[0][] = []
    act(() => usePrivacy.getState().need((answer) => answers.push(answer)))
    await flush()
    expect(load).toHaveBeenCalledWith('./packages/account/overlays.js')
    expect(answers).toEqual([{ event: 'disagree' }])
    expect(usePrivacy.getState().waiting).toHaveLength(0)
    expect(document.getElementById('wechat-privacy')).toBeNull()
  })

  it('declines it too on a base library without require.async', async () => {
    globals.__non_webpack_require__ = {}
    render(<Overlays />)
    const answers: Parameters<PrivacyResolve>[0][] = []
    act(() => usePrivacy.getState().need((answer) => answers.push(answer)))
    await flush()
    expect(answers).toEqual([{ event: 'disagree' }])
  })

  it('asks again while a write waits in line, and shows the notice once the file is there; then the prompt at once', async () => {
    jest.useFakeTimers()
    let tries = 0
    const load: Loader = jest.fn<Promise<Record<string, unknown>>, [string]>(() => (++tries === 1 ? Promise.reject(new Error('offline')) : Promise.resolve({})))
    globals.__non_webpack_require__ = { async: load }
    globals.__webpack_modules__ = {}
    render(<Overlays />)
    expect(load).not.toHaveBeenCalled()
    act(() => useInLine.setState({ waiting: 1 }))
    await act(async () => {
      await jest.advanceTimersByTimeAsync(RETRY_MS / 2)
    })
    expect(load).toHaveBeenCalledTimes(1)
    expect(document.getElementById('in-line')).toBeNull()
    await act(async () => {
      await jest.advanceTimersByTimeAsync(RETRY_MS)
    })
    expect(load).toHaveBeenCalledTimes(2)
    expect(document.getElementById('in-line')?.textContent).toBe('排队中，请稍候…现在办理的人很多。我们会自动帮您再试，不用再点。')
    act(() => usePrivacy.getState().need(() => undefined))
    expect(document.getElementById('wechat-privacy')?.textContent).toContain('同意并继续')
    expect(load).toHaveBeenCalledTimes(2)
  })
})
