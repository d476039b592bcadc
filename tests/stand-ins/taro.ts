/** Jest stand-in for @tarojs/taro: storage in memory, navigation recorded, cloud calls routed by the test. */
const storage = new Map<string, unknown>()

const Taro = {
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  getSystemInfoSync: () => ({ language: 'zh_CN', fontSizeSetting: 16, windowWidth: 375 }),
  navigateTo: jest.fn(async () => ({})),
  redirectTo: jest.fn(async () => ({})),
  switchTab: jest.fn(async () => ({})),
  navigateBack: jest.fn(async () => ({})),
  showToast: jest.fn(async () => ({})),
  setNavigationBarTitle: jest.fn(async () => ({})),
  setTabBarItem: jest.fn(async () => ({})),
  cloud: { init: jest.fn(), callFunction: jest.fn() },
}

export const useDidShow = (fn: () => void) => void fn
export const useLoad = (fn: (params: Record<string, string>) => void) => void fn
export const useRouter = () => ({ params: {} as Record<string, string> })
export const useShareAppMessage = () => undefined
export const usePullDownRefresh = () => undefined
export const __storage = storage
export default Taro
