import { renderHook } from '@testing-library/react'
import * as taro from '@tarojs/taro'
import fs from 'node:fs'
import path from 'node:path'
import { useSettings } from '@/core/settings'
import { SHARE_IMAGES, useShareCard, useTabShare } from './share'

jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  return { __esModule: true, ...actual, default: actual.default, useShareAppMessage: jest.fn() }
})
const share = taro.useShareAppMessage as unknown as jest.Mock
const root = path.resolve(__dirname, '..', '..')

beforeEach(() => {
  share.mockClear()
  useSettings.setState({ locale: 'zh-CN', elderChoice: null, systemFontScale: 1 })
})

function card() {
  const make = share.mock.calls.at(-1)?.[0] as () => { title: string; path: string; imageUrl: string }
  return make()
}

describe('share cards', () => {
  it('home and building share a path and a picture, and nothing of the sharer', () => {
    renderHook(() => useTabShare('home'))
    expect(card()).toEqual({ title: '邻里亭：看看楼里的党员家庭，预约便民服务，报名志愿服务', path: '/pages/home/index', imageUrl: '/assets/share/home.png' })
    renderHook(() => useTabShare('building'))
    const building = card()
    expect(building.path).toBe('/pages/building/index')
    expect(building.imageUrl).toBe('/assets/share/building.png')
    expect(building.path).not.toMatch(/\?/)
  })

  it('a session or a shift shares its own page with its picture', () => {
    renderHook(() => useShareCard('session', () => ({ title: '磨刀', path: '/packages/service/session/index?id=s1' })))
    expect(card()).toEqual({ title: '磨刀', path: '/packages/service/session/index?id=s1', imageUrl: '/packages/service/share.png' })
  })

  it('every picture exists in the repository, is a PNG and is small', () => {
    for (const url of Object.values(SHARE_IMAGES)) {
      const file = path.join(root, 'src', url)
      const bytes = fs.readFileSync(file)
      expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG')
      // 5:4, as WeChat shows a share card.
      expect(bytes.readUInt32BE(16) * 4).toBe(bytes.readUInt32BE(20) * 5)
      expect(bytes.length).toBeLessThan(8 * 1024)
    }
  })
})
