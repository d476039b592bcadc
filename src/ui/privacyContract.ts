import Taro from '@tarojs/taro'
import { usePrivacy } from '@/core/privacy'

/**
 * WeChat's privacy guide itself: its name (getPrivacySetting) and its page (openPrivacyContract), which only the
 * prompt uses (PrivacyPrompt): on weapp they travel with it in packages/account/overlays.js (ui/Overlays.tsx, issue 19).
 */
interface WxPrivacyApi {
  getPrivacySetting?: (option: { success?: (res: { needAuthorization: boolean; privacyContractName?: string }) => void; fail?: () => void }) => void
  openPrivacyContract?: (option: { success?: () => void; fail?: () => void }) => void
}

function privacyApi(): WxPrivacyApi {
  const fromTaro = Taro as unknown as WxPrivacyApi
  if (typeof fromTaro.getPrivacySetting === 'function') return fromTaro
  return ((globalThis as { wx?: WxPrivacyApi }).wx ?? {}) as WxPrivacyApi
}

/** Reads the guide's name (base library 2.32.3+); older ones have none and the prompt says "the privacy guide". */
export function loadContractName(): void {
  const api = privacyApi()
  if (typeof api.getPrivacySetting !== 'function') return
  api.getPrivacySetting({
    success: (res) => {
      if (res.privacyContractName) usePrivacy.setState({ contractName: res.privacyContractName })
    },
    fail: () => undefined,
  })
}

/** Opens the guide itself, WeChat's page with the text set in the console. */
export function openPrivacyContract(): void {
  const api = privacyApi()
  if (typeof api.openPrivacyContract === 'function') api.openPrivacyContract({ fail: () => undefined })
}
