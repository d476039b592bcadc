import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { call } from '@/core/api'
import ServicesPage from './index'
import { fails, fakeCloud, resident, service, serviceTypes, setScene } from '../../../tests/app/fixtures'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const callMock = jest.mocked(call)

beforeEach(() => {
  jest.clearAllMocks()
  callMock.mockImplementation(
    fakeCloud([
      [service.listServiceTypes, () => serviceTypes],
      // The sessions section (features/service) sits on this tab; these tests are about the catalogue.
      [service.upcomingSessions, () => []],
    ]),
  )
})

describe('服务', () => {
  it('lists each service with what to bring and who provides it', async () => {
    setScene({ me: resident })
    render(<ServicesPage />)
    expect(await screen.findByText('磨刀')).toBeTruthy()
    expect(screen.getByText('请带上：需要磨的刀具，用报纸包好')).toBeTruthy()
    expect(screen.getByText('服务方：楼组长 · 志愿者师傅')).toBeTruthy()
    expect(screen.getByText('改衣服')).toBeTruthy()
    // Nothing to bring: no empty "请带上：" line.
    expect(screen.getAllByText(/^请带上：/)).toHaveLength(2)
  })

  it('notes on the blood-pressure check alone that readings are only visible to the person', async () => {
    setScene({ me: resident })
    render(<ServicesPage />)
    await screen.findByText('测量血压')
    expect(screen.getAllByText('测量结果属于您的个人敏感信息，只有您本人能看到。')).toHaveLength(1)
  })

  it('shows no made-up sessions: with none scheduled, the catalogue carries no session cards', async () => {
    setScene({ me: resident })
    const { container } = render(<ServicesPage />)
    await screen.findByText('磨刀')
    expect(callMock).toHaveBeenCalledWith(service.upcomingSessions, {})
    expect(container.querySelectorAll('.upcoming__card')).toHaveLength(0)
  })

  it('follows the chosen language', async () => {
    setScene({ me: resident, locale: 'ko' })
    render(<ServicesPage />)
    expect(await screen.findByText('칼 갈기')).toBeTruthy()
    expect(screen.getByText('준비물: 갈 칼을 신문지에 싸서 가져오세요')).toBeTruthy()
    expect(screen.getByText('측정 결과는 민감한 개인정보로, 본인만 볼 수 있습니다.')).toBeTruthy()
  })

  it('leads to the privacy page when the cloud needs consent first', async () => {
    callMock.mockImplementation(fakeCloud([[service.listServiceTypes, fails('CONSENT_REQUIRED')], [service.upcomingSessions, () => []]]))
    setScene({ me: resident })
    render(<ServicesPage />)
    expect(await screen.findByText('使用这项功能前，请先看一下隐私说明并同意。')).toBeTruthy()
    fireEvent.click(screen.getByText('查看隐私说明'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/account/privacy/index' })
  })

  it('says so when the community has listed nothing', async () => {
    callMock.mockImplementation(fakeCloud([[service.listServiceTypes, () => []], [service.upcomingSessions, () => []]]))
    setScene({ me: resident })
    render(<ServicesPage />)
    expect(await screen.findByText('社区还没有发布便民服务。')).toBeTruthy()
  })
})
