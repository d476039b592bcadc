import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { call, CloudError } from '@/core/api'
import BuildingPage from './index'
import { account, bsw2, community, fails, fakeCloud, leader, ltsc1, newcomer, resident, setScene, waiting, type Answer } from '../../../tests/app/fixtures'
import * as household from '@contracts/household'
import type { BuildingView } from '@contracts/model'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const callMock = jest.mocked(call)

const views: Record<string, BuildingView> = { 'ltsc-1': ltsc1, 'bsw-2': { ...bsw2, myHouseholdIds: ['bsw-2-1-2105'] } }
const answerWithBuildings: Answer = (input) => views[(input as { buildingId: string }).buildingId]

// 亮身份 badges load beside the building; these tests are about the grid, so no household is shown.
const noBadges: Answer = (input) => ({ buildingId: (input as { buildingId: string }).buildingId, households: [] })

function cloud(viewBuilding: Answer = answerWithBuildings) {
  callMock.mockImplementation(
    fakeCloud([
      [community.viewBuilding, viewBuilding],
      [household.buildingBadges, noBadges],
    ]),
  )
}

function countNodes(root: Node): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
  let count = 0
  while (walker.nextNode()) count++
  return count
}

beforeEach(() => {
  jest.clearAllMocks()
  cloud()
})

describe('楼栋', () => {
  it('draws the resident’s building with their own room marked in words, not colour alone', async () => {
    setScene({ me: resident })
    render(<BuildingPage />)
    expect(await screen.findByText('绿庭尚城 1号楼 · 共 24 户')).toBeTruthy()
    expect(callMock).toHaveBeenCalledWith(community.viewBuilding, { buildingId: 'ltsc-1' })
    expect(screen.getByText('我家：1单元 502室')).toBeTruthy()
    const mine = screen.getByText('我家').parentElement
    expect(mine?.textContent).toBe('502我家')
    expect(mine?.className).toContain('building__room--mine')
    expect(screen.getAllByText('501').map((cell) => cell.className)).toEqual(['building__room', 'building__room'])
    expect(screen.getByText('1单元')).toBeTruthy()
    expect(screen.getAllByText('6层')).toHaveLength(2)
  })

  it('switches between the buildings a person lives in', async () => {
    setScene({ me: leader })
    render(<BuildingPage />)
    await screen.findByText('绿庭尚城 1号楼 · 共 24 户')
    expect(screen.queryByText(/朗庭 3号楼/)).toBeNull()
    fireEvent.click(screen.getByText('贝尚湾 2号楼'))
    expect(await screen.findByText('贝尚湾 2号楼 · 共 264 户')).toBeTruthy()
    expect(callMock).toHaveBeenCalledWith(community.viewBuilding, { buildingId: 'bsw-2' })
    expect(screen.getByText('✓ 贝尚湾 2号楼')).toBeTruthy()
  })

  it('renders a 33-floor, 8-room building in fewer than 1,000 nodes', async () => {
    setScene({ me: { ...resident, residencies: leader.residencies.filter((home) => home.buildingId === 'bsw-2') } })
    const { container } = render(<BuildingPage />)
    await screen.findByText('贝尚湾 2号楼 · 共 264 户')
    expect(screen.getAllByText(/^\d+层$/)).toHaveLength(33)
    expect(countNodes(container)).toBeLessThan(1000)
  })

  it('scrolls to the person’s own room in a tall building instead of making them hunt for it', async () => {
    const pageScrollTo = jest.fn(async () => ({ errMsg: 'pageScrollTo:ok' }))
    Object.assign(Taro, { pageScrollTo })
    setScene({ me: { ...resident, residencies: leader.residencies.filter((home) => home.buildingId === 'bsw-2') } })
    render(<BuildingPage />)
    fireEvent.click(await screen.findByText('找到我家 ↓'))
    expect(pageScrollTo).toHaveBeenCalledWith({ selector: '.building__floor--mine', offsetTop: -16, duration: 300 })
    expect(document.querySelectorAll('.building__floor--mine')).toHaveLength(1)
    expect(document.querySelector('.building__floor--mine')?.textContent).toContain('21层')
  })

  it('needs no scrolling help in a low building', async () => {
    setScene({ me: resident })
    render(<BuildingPage />)
    await screen.findByText('绿庭尚城 1号楼 · 共 24 户')
    expect(screen.queryByText('找到我家 ↓')).toBeNull()
  })

  it('tells someone without a verified home why the building is closed, and where to bind one', () => {
    for (const [me, why] of [
      [newcomer, /楼栋只对本楼已认证的居民开放/],
      [waiting, /您的房屋正在等楼组长确认/],
    ] as const) {
      setScene({ me })
      const { unmount } = render(<BuildingPage />)
      expect(screen.getByText(why)).toBeTruthy()
      fireEvent.click(screen.getByText('绑定我的房屋'))
      expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/account/join/index' })
      unmount()
    }
    expect(callMock).not.toHaveBeenCalledWith(community.viewBuilding, expect.anything())
  })

  it('says the building is not visible when the cloud refuses it', async () => {
    cloud(fails('NOT_VISIBLE'))
    setScene({ me: resident })
    render(<BuildingPage />)
    expect(await screen.findByText('只对本楼栋居民开放')).toBeTruthy()
    expect(screen.getByText('这里的内容只有本楼栋已认证的居民能看到。')).toBeTruthy()
    expect(screen.queryByText('再试一次')).toBeNull()
  })

  it('lets the person try again after a network failure', async () => {
    let first = true
    cloud((input) => {
      if (first) {
        first = false
        return fails('NETWORK')(input)
      }
      return ltsc1
    })
    setScene({ me: resident })
    render(<BuildingPage />)
    fireEvent.click(await screen.findByText('再试一次'))
    expect(await screen.findByText('绿庭尚城 1号楼 · 共 24 户')).toBeTruthy()
  })

  it('never waits for ever: without a session it says why and tries again', async () => {
    callMock.mockImplementation(
      fakeCloud([
        [account.me, () => resident],
        [community.viewBuilding, answerWithBuildings],
        [household.buildingBadges, noBadges],
      ]),
    )
    setScene({ me: null, error: new CloudError('TIMEOUT', 'no answer') })
    render(<BuildingPage />)
    expect(screen.queryByText('正在加载…')).toBeNull()
    expect(screen.getByText('等了 15 秒还没有收到回应，可能是网络太慢。请再试一次。')).toBeTruthy()
    fireEvent.click(screen.getByText('再试一次'))
    expect(await screen.findByText('绿庭尚城 1号楼 · 共 24 户')).toBeTruthy()
  })

  it('speaks English to an English reader', async () => {
    setScene({ me: resident, locale: 'en' })
    render(<BuildingPage />)
    expect(await screen.findByText('绿庭尚城 1号楼 · 24 households')).toBeTruthy()
    expect(screen.getByText('Mine')).toBeTruthy()
    expect(screen.getAllByText('6F')).toHaveLength(2)
  })
})
