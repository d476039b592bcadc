/** Jest stand-in for @tarojs/taro: storage in memory, navigation recorded, cloud calls routed by the test. */
const storage = new Map<string, unknown>()

const Taro = {
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  getAppBaseInfo: jest.fn(() => ({ language: 'zh_CN', fontSizeSetting: 17, fontSizeScaleFactor: 1, SDKVersion: '3.3.4' })),
  getDeviceInfo: jest.fn(() => ({ platform: 'ios' })),
  getAccountInfoSync: jest.fn(() => ({ miniProgram: { appId: 'wx-test', envVersion: 'develop', version: '' } })),
  onAppShow: jest.fn(),
  // WeChat's privacy guide and scopes: tests answer these per case (mockImplementationOnce) to play agree, decline, deny.
  getPrivacySetting: jest.fn((option: { success?: (res: unknown) => void }) => option.success?.({ needAuthorization: true, privacyContractName: '《邻里亭隐私保护指引》' })),
  openPrivacyContract: jest.fn(),
  openSetting: jest.fn(async () => ({ authSetting: {} as Record<string, boolean> })),
  saveImageToPhotosAlbum: jest.fn(async () => ({ errMsg: 'saveImageToPhotosAlbum:ok' })),
  setClipboardData: jest.fn(async () => ({ errMsg: 'setClipboardData:ok' })),
  chooseMedia: jest.fn(async () => ({ tempFiles: [] as { tempFilePath: string }[] })),
  chooseMessageFile: jest.fn(async () => ({ tempFiles: [] as { name: string; path: string }[] })),
  // The page on screen (path and query), as Taro's runtime reports it; tests set it per case.
  getCurrentInstance: jest.fn(() => ({ router: null as { path: string; params: Record<string, string> } | null })),
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
