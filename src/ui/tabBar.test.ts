type TabBarModule = typeof import('./tabBar')

/** The module remembers what it applied, so each test loads a fresh copy (and the Taro stand-in that copy sees). */
function load(): { syncTabBar: TabBarModule['syncTabBar']; setTabBarItem: jest.Mock } {
  jest.resetModules()
  const taro = (require('@tarojs/taro') as { default: { setTabBarItem: jest.Mock } }).default
  taro.setTabBarItem.mockReset()
  return { syncTabBar: (require('./tabBar') as TabBarModule).syncTabBar, setTabBarItem: taro.setTabBarItem }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))
const texts = (mock: jest.Mock) => mock.mock.calls.slice(-5).map(([option]: [{ text: string }]) => option.text)

describe('syncTabBar', () => {
  it('leaves the Chinese labels of app.config.ts alone', () => {
    const { syncTabBar, setTabBarItem } = load()
    syncTabBar('zh-CN')
    expect(setTabBarItem).not.toHaveBeenCalled()
  })

  it('relabels all five tabs in the chosen language, once', async () => {
    const { syncTabBar, setTabBarItem } = load()
    setTabBarItem.mockResolvedValue({})
    syncTabBar('en')
    await flush()
    expect(setTabBarItem.mock.calls.map(([option]) => option)).toEqual([
      { index: 0, text: 'Home' },
      { index: 1, text: 'Building' },
      { index: 2, text: 'Services' },
      { index: 3, text: 'Volunteer' },
      { index: 4, text: 'Me' },
    ])
    syncTabBar('en')
    expect(setTabBarItem).toHaveBeenCalledTimes(5)
  })

  it('tries again on the next show when no tab bar was there to relabel', async () => {
    const { syncTabBar, setTabBarItem } = load()
    setTabBarItem.mockRejectedValueOnce(new Error('setTabBarItem:fail not TabBar page')).mockResolvedValue({})
    syncTabBar('ko')
    await flush()
    syncTabBar('ko')
    await flush()
    expect(setTabBarItem).toHaveBeenCalledTimes(10)
    expect(texts(setTabBarItem)).toEqual(['홈', '우리 동', '생활 서비스', '봉사', '내 정보'])
  })

  it('can go back to Chinese after another language', async () => {
    const { syncTabBar, setTabBarItem } = load()
    setTabBarItem.mockResolvedValue({})
    syncTabBar('ja')
    await flush()
    syncTabBar('zh-CN')
    await flush()
    expect(texts(setTabBarItem)).toEqual(['首页', '楼栋', '服务', '志愿', '我的'])
  })
})
