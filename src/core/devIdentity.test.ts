import Taro from '@tarojs/taro'
import { chooseDemoIdentity, currentIdentity, demoIdentity, ownIdentity } from './devIdentity'

beforeEach(() => {
  Taro.removeStorageSync('linliting.devOpenid')
  Taro.removeStorageSync('linliting.devOpenid.own')
})

describe('the H5 identity', () => {
  it('makes its own identity on a first visit and keeps it', () => {
    const made = currentIdentity()
    expect(made).toMatch(/^h5-[a-z0-9]{16}$/)
    expect(Taro.getStorageSync('linliting.devOpenid.own')).toBe(made)
    expect(currentIdentity()).toBe(made)
    expect(ownIdentity()).toBe(made)
  })

  it('makes a different identity in another browser', () => {
    const first = ownIdentity()
    Taro.removeStorageSync('linliting.devOpenid.own')
    expect(ownIdentity()).not.toBe(first)
  })

  it('acts as a chosen demo resident and comes back to its own identity', () => {
    const own = ownIdentity()
    chooseDemoIdentity('demo-leader')
    expect(demoIdentity()).toBe('demo-leader')
    expect(currentIdentity()).toBe('demo-leader')
    chooseDemoIdentity(null)
    expect(demoIdentity()).toBeNull()
    expect(currentIdentity()).toBe(own)
  })

  it('replaces a stored value the runtime would refuse', () => {
    Taro.setStorageSync('linliting.devOpenid.own', 'not valid!')
    expect(ownIdentity()).toMatch(/^h5-/)
  })
})
