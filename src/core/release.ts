import Taro from '@tarojs/taro'

/** Which version of the mini-program runs: 开发版, 体验版 or 正式版, as WeChat says (never a constant in the code). */
export type EnvVersion = 'develop' | 'trial' | 'release'

export function envVersion(): EnvVersion {
  try {
    const version = Taro.getAccountInfoSync().miniProgram.envVersion as string
    return version === 'trial' || version === 'release' ? version : 'develop'
  } catch {
    // H5 and the tests have no account info: the local runtime is development.
    return 'develop'
  }
}

/** The same, in the words subscribeMessage.send takes for the version a message opens. */
export function miniprogramState(version: EnvVersion = envVersion()): 'developer' | 'trial' | 'formal' {
  return version === 'release' ? 'formal' : version === 'trial' ? 'trial' : 'developer'
}
