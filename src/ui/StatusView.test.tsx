import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useSettings } from '@/core/settings'
import { StatusView } from './StatusView'

beforeEach(() => {
  jest.clearAllMocks()
  useSettings.setState({ locale: 'zh-CN', elderChoice: null, systemFontScale: 1 })
})

const glyphOf = (container: HTMLElement) => container.querySelector('.status__glyph')?.innerHTML

describe('StatusView', () => {
  it('says every state in words beside a glyph of its own', () => {
    const glyphs = new Set<string | null | undefined>()
    for (const kind of ['loading', 'error', 'empty', 'not-visible'] as const) {
      const { container, unmount } = render(<StatusView kind={kind} />)
      glyphs.add(glyphOf(container))
      expect(container.querySelector('.status__text')?.textContent).not.toBe('')
      unmount()
    }
    expect(glyphs.size).toBe(4)
  })

  it('explains an error by its code and retries on request', () => {
    const retry = jest.fn()
    render(<StatusView kind="error" error={{ code: 'NETWORK' }} onRetry={retry} />)
    expect(screen.getByText('没能打开')).toBeTruthy()
    expect(screen.getByText('网络不太好，请检查网络后再试。')).toBeTruthy()
    fireEvent.click(screen.getByText('再试一次'))
    expect(retry).toHaveBeenCalledTimes(1)
  })

  it('turns NOT_VISIBLE into the not-visible state, with nothing to retry', () => {
    const { container } = render(<StatusView kind="error" error={{ code: 'NOT_VISIBLE' }} onRetry={jest.fn()} />)
    expect(container.querySelector('.status--not-visible')).not.toBeNull()
    expect(screen.getByText('只对本楼栋居民开放')).toBeTruthy()
    expect(screen.queryByText('再试一次')).toBeNull()
  })

  it('leads to the privacy page instead of retrying when consent is missing', () => {
    render(<StatusView kind="error" error={{ code: 'CONSENT_REQUIRED' }} onRetry={jest.fn()} />)
    expect(screen.queryByText('再试一次')).toBeNull()
    fireEvent.click(screen.getByText('查看隐私说明'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/privacy/index' })
  })

  it('offers a given way forward', () => {
    const bind = jest.fn()
    render(<StatusView kind="not-visible" message="先绑定房屋" action={{ label: '绑定', onTap: bind }} />)
    expect(screen.getByText('先绑定房屋')).toBeTruthy()
    fireEvent.click(screen.getByText('绑定'))
    expect(bind).toHaveBeenCalled()
  })

  it('speaks the person’s language', () => {
    useSettings.setState({ locale: 'ja' })
    render(<StatusView kind="loading" />)
    expect(screen.getByText('読み込み中…')).toBeTruthy()
  })
})
