import Taro from '@tarojs/taro'
import { fontScale, fontScaleFrom, followSystemFontSize, isElder, readSystemFontScale, standardFontSize, useSettings } from './settings'

const mocked = Taro as unknown as Record<string, jest.Mock>

beforeEach(() => {
  jest.clearAllMocks()
  useSettings.setState({ locale: 'zh-CN', elderChoice: null, systemFontScale: 1 })
})

describe("WeChat's font size (小程序适老化设计指南)", () => {
  it('measures against 17px on iOS and 16px on Android', () => {
    expect(standardFontSize('ios')).toBe(17)
    expect(standardFontSize('android')).toBe(16)
    expect(standardFontSize('devtools')).toBe(16)
    // The same 17px is standard on an iPhone and one step up on Android.
    expect(fontScaleFrom({ fontSizeSetting: 17 }, 'ios')).toBe(1)
    expect(fontScaleFrom({ fontSizeSetting: 17 }, 'android')).toBe(1.06)
  })

  it("prefers WeChat's own fontSizeScaleFactor", () => {
    expect(fontScaleFrom({ fontSizeSetting: 23.8, fontSizeScaleFactor: 1.4 }, 'android')).toBe(1.4)
  })

  it('reads 关怀模式 (iOS 23.8px on a 375 screen) as 长辈模式, and the standard size as not', () => {
    useSettings.setState({ systemFontScale: fontScaleFrom({ fontSizeSetting: 23.8 }, 'ios') })
    expect(isElder(useSettings.getState())).toBe(true)
    expect(fontScale(useSettings.getState())).toBe(1.4)
    useSettings.setState({ systemFontScale: fontScaleFrom({ fontSizeSetting: 16 }, 'ios') })
    expect(isElder(useSettings.getState())).toBe(false)
  })

  it('never scales below 1 nor above 1.6', () => {
    expect(fontScaleFrom({ fontSizeSetting: 16 }, 'ios')).toBe(1)
    expect(fontScaleFrom({ fontSizeScaleFactor: 2.2 })).toBe(1.6)
    expect(fontScaleFrom({})).toBe(1)
  })

  it('reads the size from getAppBaseInfo again each time the app comes back (no deprecated getSystemInfoSync)', () => {
    followSystemFontSize()
    expect(mocked.onAppShow).toHaveBeenCalledTimes(1)
    const onShow = mocked.onAppShow.mock.calls[0][0] as () => void
    mocked.getDeviceInfo.mockReturnValue({ platform: 'android' })
    mocked.getAppBaseInfo.mockReturnValue({ language: 'zh_CN', fontSizeSetting: 22, fontSizeScaleFactor: 1.375 })
    onShow()
    expect(useSettings.getState().systemFontScale).toBe(1.38)
    expect(isElder(useSettings.getState())).toBe(true)
    mocked.getAppBaseInfo.mockReturnValue({ language: 'zh_CN', fontSizeSetting: 16, fontSizeScaleFactor: 1 })
    readSystemFontScale()
    expect(useSettings.getState().systemFontScale).toBe(1)
    // The stand-in has no getSystemInfoSync at all: a call to it would throw here.
    expect(mocked.getSystemInfoSync).toBeUndefined()
  })
})
