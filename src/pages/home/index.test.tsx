import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { call, CloudError } from '@/core/api'
import HomePage from './index'
import { account, fakeCloud, newcomer, resident, setScene, waiting } from '../../../tests/app/fixtures'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const callMock = jest.mocked(call)

beforeEach(() => {
  jest.clearAllMocks()
  callMock.mockImplementation(fakeCloud([[account.me, () => resident]]))
})

describe('首页', () => {
  it('greets a resident by nickname and opens the three main doors', () => {
    setScene({ me: resident })
    render(<HomePage />)
    expect(screen.getByText('李阿姨，您好')).toBeTruthy()
    expect(screen.queryByText('先看一下隐私说明')).toBeNull()
    expect(screen.queryByText('绑定我的房屋')).toBeNull()

    fireEvent.click(screen.getByText('邻里亮身份'))
    expect(Taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/building/index' })
    fireEvent.click(screen.getByText('便民服务'))
    expect(Taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/services/index' })
    fireEvent.click(screen.getByText('志愿服务'))
    expect(Taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/volunteer/index' })
  })

  it('explains what is collected and leads a newcomer to the privacy page and to binding a home', () => {
    setScene({ me: newcomer })
    render(<HomePage />)
    expect(screen.getByText(/只保存您的昵称、头像、所住的房屋/)).toBeTruthy()
    fireEvent.click(screen.getByText('查看并同意'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/account/privacy/index' })
    fireEvent.click(screen.getByText('去绑定'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/account/join/index' })
  })

  it('shows a request that waits for the building leader as 待审核', () => {
    setScene({ me: waiting })
    render(<HomePage />)
    expect(screen.getByText('朗庭 3号楼 2单元 1203室')).toBeTruthy()
    expect(screen.getByText(/待审核/)).toBeTruthy()
    expect(screen.getByText('楼组长确认后就能使用，请耐心等一等。')).toBeTruthy()
  })

  it('is simpler in 长辈模式: the tiles without their descriptions, the essential cards kept', () => {
    setScene({ me: newcomer, elderChoice: true })
    render(<HomePage />)
    expect(screen.getByText('便民服务')).toBeTruthy()
    expect(screen.queryByText('磨刀、缝补、量血压，在楼下就能办')).toBeNull()
    expect(screen.queryByText(/认识楼里的邻居/)).toBeNull()
    expect(screen.getByText('先看一下隐私说明')).toBeTruthy()
    expect(screen.getByText('绑定我的房屋')).toBeTruthy()
  })

  it('speaks the person’s language', () => {
    setScene({ me: resident, locale: 'ko' })
    render(<HomePage />)
    expect(screen.getByText('李阿姨님, 안녕하세요')).toBeTruthy()
    expect(screen.getByText('생활 서비스')).toBeTruthy()
  })

  it.each([
    ['NETWORK', '网络不太好，请检查网络后再试。'],
    ['TIMEOUT', '等了 15 秒还没有收到回应，可能是网络太慢。请再试一次。'],
    ['UNAUTHENTICATED', '没有收到您的身份信息，所以打不开。请再试一次；还不行的话，请关掉后重新打开。'],
    ['INTERNAL', '系统出了点问题，请稍后再试。'],
  ] as const)('names why the session did not load (%s) and trying again works', async (code, words) => {
    setScene({ me: null, error: new CloudError(code, 'test') })
    render(<HomePage />)
    expect(screen.getByText(words)).toBeTruthy()
    fireEvent.click(screen.getByText('再试一次'))
    expect(callMock).toHaveBeenCalledWith(account.me, {})
    expect(await screen.findByText('李阿姨，您好')).toBeTruthy()
    expect(screen.queryByText(words)).toBeNull()
  })

})
