import { act, fireEvent, render, screen } from '@testing-library/react'
import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { attempt, type Scope } from '@/core/permission'
import { AGREE_BUTTON_ID, usePrivacy, type PrivacyResolve } from '@/core/privacy'
import { useSettings } from '@/core/settings'
import { PermissionNotice, type Blocked } from './PermissionNotice'
import { Screen } from './Screen'

/**
 * WeChat at the boundary: a privacy API called before the person agreed hands its resolver to the app's
 * onNeedPrivacyAuthorization listener (app.ts → usePrivacy.need) and waits. Agreeing lets it run; declining makes it
 * fail with errno 104, as the base library does.
 */
function privacyScoped(api: string, answer: () => unknown) {
  return () =>
    new Promise((resolve, reject) => {
      const listener: PrivacyResolve = (option) => {
        if (option.event === 'agree') resolve(answer())
        if (option.event === 'disagree') reject({ errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 })
      }
      usePrivacy.getState().need(listener, 'packages/volunteer/certificate/index')
    })
}

/** A page the way the app's pages use the helpers: a tap runs the WeChat call, a refusal shows PermissionNotice. */
function SavePage({ run, scope }: { run: () => Promise<unknown>; scope?: Scope }) {
  const [state, setState] = useState<'saved' | Blocked | null>(null)
  async function save() {
    setState(null)
    const outcome = await attempt(run)
    setState(outcome.ok ? 'saved' : outcome.reason)
  }
  return (
    <Screen>
      <Button onClick={() => void save()}>save</Button>
      {state === 'saved' ? <span>saved</span> : null}
      <PermissionNotice blocked={state === 'saved' ? null : state} scope={scope} onRetry={() => void save()} />
    </Screen>
  )
}

const mocked = Taro as unknown as Record<string, jest.Mock>

beforeEach(() => {
  jest.clearAllMocks()
  useSettings.setState({ locale: 'zh-CN', elderChoice: null, systemFontScale: 1 })
  usePrivacy.setState({ waiting: [], referrer: '', contractName: '', shown: false })
})

describe('the privacy guide in every page shell', () => {
  it('shows the guide by its name with a link to it, and agreeing with WeChat\'s button lets the waiting call finish', async () => {
    const saved = jest.fn(() => ({ errMsg: 'saveImageToPhotosAlbum:ok' }))
    render(<SavePage run={privacyScoped('saveImageToPhotosAlbum', saved)} />)
    expect(document.querySelector('#wechat-privacy')).toBeNull()
    await act(async () => fireEvent.click(screen.getByText('save')))

    expect(screen.getByText('请先看一下隐私保护指引')).toBeTruthy()
    expect(mocked.getPrivacySetting).toHaveBeenCalledTimes(1)
    expect(screen.getByText(/《邻里亭隐私保护指引》，同意后这一步会接着完成/)).toBeTruthy()
    fireEvent.click(screen.getByText('阅读《邻里亭隐私保护指引》'))
    expect(mocked.openPrivacyContract).toHaveBeenCalledTimes(1)

    const agree = screen.getByText('同意并继续')
    expect(agree.getAttribute('data-open-type')).toBe('agreePrivacyAuthorization')
    expect(agree.id).toBe(AGREE_BUTTON_ID)
    await act(async () => fireEvent.click(agree))
    expect(saved).toHaveBeenCalledTimes(1)
    expect(screen.getByText('saved')).toBeTruthy()
    expect(document.querySelector('#wechat-privacy')).toBeNull()
    expect(usePrivacy.getState().waiting).toEqual([])
  })

  it('answers WeChat with the agree button\'s id, after telling it the guide was shown', async () => {
    const listener = jest.fn()
    render(<Screen><span>page</span></Screen>)
    act(() => usePrivacy.getState().need(listener, 'packages/manage/invites/index'))
    expect(listener).toHaveBeenNthCalledWith(1, { event: 'exposureAuthorization' })
    await act(async () => fireEvent.click(screen.getByText('同意并继续')))
    expect(listener).toHaveBeenNthCalledWith(2, { buttonId: 'agree-privacy', event: 'agree' })
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('declining ends the waiting call, and the page says so and offers to try again (the guide comes back)', async () => {
    const listeners: jest.Mock[] = []
    const run = privacyScoped('setClipboardData', () => ({ errMsg: 'setClipboardData:ok' }))
    render(<SavePage run={run} />)
    await act(async () => fireEvent.click(screen.getByText('save')))
    listeners.push(jest.fn())
    await act(async () => fireEvent.click(screen.getByText('不同意')))
    expect(document.querySelector('#wechat-privacy')).toBeNull()
    expect(screen.getByText(/您没有同意隐私保护指引/)).toBeTruthy()
    expect(screen.queryByText('saved')).toBeNull()

    await act(async () => fireEvent.click(screen.getByText('再试一次')))
    expect(screen.getByText('同意并继续')).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByText('同意并继续')))
    expect(screen.getByText('saved')).toBeTruthy()
    expect(screen.queryByText(/您没有同意隐私保护指引/)).toBeNull()
  })

  it('speaks the person\'s language', async () => {
    useSettings.setState({ locale: 'ja' })
    render(<Screen><span>page</span></Screen>)
    act(() => usePrivacy.getState().need(jest.fn()))
    expect(screen.getByText('同意して続ける')).toBeTruthy()
  })
})

describe('a scope the person switched off', () => {
  const denied = (): Promise<unknown> => Promise.reject({ errMsg: 'saveImageToPhotosAlbum:fail auth deny', errno: 103 })

  it('says where the switch is and opens the mini-program\'s settings from the tap; coming back with it on retries', async () => {
    const run = jest.fn(denied)
    render(<SavePage run={run} scope="scope.writePhotosAlbum" />)
    await act(async () => fireEvent.click(screen.getByText('save')))
    expect(screen.getByText('本小程序的“相册”开关是关着的。打开方法：点屏幕右上角的“···”→“设置”→ 打开“相册”，再回到这里。')).toBeTruthy()

    run.mockImplementationOnce(async () => ({ errMsg: 'saveImageToPhotosAlbum:ok' }))
    mocked.openSetting.mockResolvedValueOnce({ authSetting: { 'scope.writePhotosAlbum': true } })
    await act(async () => fireEvent.click(screen.getByText('打开设置')))
    expect(mocked.openSetting).toHaveBeenCalledTimes(1)
    expect(run).toHaveBeenCalledTimes(2)
    expect(screen.getByText('saved')).toBeTruthy()
  })

  it('coming back with the switch still off says so and does not retry', async () => {
    const run = jest.fn(denied)
    render(<SavePage run={run} scope="scope.writePhotosAlbum" />)
    await act(async () => fireEvent.click(screen.getByText('save')))
    mocked.openSetting.mockResolvedValueOnce({ authSetting: { 'scope.writePhotosAlbum': false } })
    await act(async () => fireEvent.click(screen.getByText('打开设置')))
    expect(run).toHaveBeenCalledTimes(1)
    expect(screen.getByText(/“相册”还是关着的/)).toBeTruthy()
  })

  it('a cancelled picker says nothing', async () => {
    render(<SavePage run={() => Promise.reject({ errMsg: 'chooseMedia:fail cancel' })} scope="scope.camera" />)
    await act(async () => fireEvent.click(screen.getByText('save')))
    expect(document.querySelector('#permission-denied, #permission-privacy')).toBeNull()
  })
})
