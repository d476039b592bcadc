import { act, render } from '@testing-library/react'
import { Text } from '@tarojs/components'
import { useInLine } from '@/core/api'
import { useSettings } from '@/core/settings'
import { Screen } from './Screen'

afterEach(() => {
  act(() => useInLine.setState({ waiting: 0 }))
  useSettings.setState({ locale: 'zh-CN' })
})

describe('the in-line notice on every page', () => {
  it('appears in every page’s shell while a write waits in line, politely announced, and goes when none waits', () => {
    render(
      <Screen>
        <Text>page</Text>
      </Screen>,
    )
    expect(document.getElementById('in-line')).toBeNull()
    act(() => useInLine.setState({ waiting: 2 }))
    const notice = document.getElementById('in-line')
    expect(notice?.textContent).toBe('排队中，请稍候…现在办理的人很多。我们会自动帮您再试，不用再点。')
    expect(notice?.getAttribute('aria-live')).toBe('polite')
    // Outside H5 (weapp), WeChat's reader takes the role from aria-role.
    expect(notice?.getAttribute('aria-role')).toBe('status')
    act(() => useInLine.setState({ waiting: 0 }))
    expect(document.getElementById('in-line')).toBeNull()
  })

  it('speaks the person’s language', () => {
    useSettings.setState({ locale: 'en' })
    useInLine.setState({ waiting: 1 })
    render(
      <Screen>
        <Text>page</Text>
      </Screen>,
    )
    expect(document.getElementById('in-line')?.textContent).toContain('You are in line, please wait…')
  })
})
