import Taro from '@tarojs/taro'
import { act, fireEvent, screen, within } from '@testing-library/react'
import * as account from '@contracts/account'
import { call, CloudError } from '@/core/api'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { resident } from '../parts/fixtures'
import { callsTo, readBlob, routeCalls, show } from '@/ui/testing'
import DataPage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

/** What account.exportMyData answers for 李阿姨 (demo-resident) in the demo community. */
const EXPORT = {
  exportedAt: '2026-11-27T08:00:00.000Z',
  data: {
    users: [{ _id: 'demo-resident', nickname: '李阿姨', avatarUrl: '', locale: null, elderMode: true, createdAt: '2026-11-20T02:00:00.000Z' }],
    consents: [
      { _id: 'demo-resident:app', openid: 'demo-resident', purpose: 'app', granted: true, version: '2026-11-27', at: '2026-11-27T01:30:00.000Z', history: [] },
      { _id: 'demo-resident:health', openid: 'demo-resident', purpose: 'health', granted: true, version: '2026-11-27', at: '2026-11-27T01:32:00.000Z', history: [] },
    ],
    roles: [],
    residencies: [{ _id: 'demo-resident:ltsc-1-1-502', openid: 'demo-resident', householdId: 'ltsc-1-1-502', buildingId: 'ltsc-1', areaId: 'ltsc', status: 'verified', via: 'seed' }],
    invite_attempts: [],
    audit_log: [],
  },
}

const DELETED = { deleted: true, anonymised: { audit_log: 0 }, removed: { users: 1, consents: 2, roles: 0, residencies: 1, invite_attempts: 0 } }

beforeEach(() => {
  mockCall.mockReset()
  jest.mocked(Taro.switchTab).mockClear()
  useSession.setState({ me: resident, loading: false, failed: false })
  useSettings.setState({ locale: 'zh-CN' })
  routeCalls(mockCall, [
    [account.exportMyData, () => EXPORT],
    [account.deleteAccount, () => DELETED],
    [account.me, () => ({ ...resident, nickname: '邻居', consents: [], residencies: [] })],
  ])
})

it('says in plain words what is kept: kinds with counts and their main fields, nothing empty', async () => {
  await show(<DataPage />)
  const profile = within(document.getElementById('kind-users') as HTMLElement)
  expect(profile.getByText('个人资料')).toBeTruthy()
  expect(profile.getByText('1 条')).toBeTruthy()
  expect(profile.getByText('包括：昵称、头像、语言、长辈模式、创建时间')).toBeTruthy()
  expect(within(document.getElementById('kind-consents') as HTMLElement).getByText('2 条')).toBeTruthy()
  expect(screen.getByText('住址登记')).toBeTruthy()
  expect(screen.queryByText('角色')).toBeNull()
  expect(screen.queryByText('我做过的管理操作')).toBeNull()
})

it('exports the data as a file and says so', async () => {
  const createObjectURL = jest.fn((blob: Blob) => (void blob, 'blob:http://127.0.0.1/2'))
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() })
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  await show(<DataPage />)

  await act(async () => fireEvent.click(screen.getByRole('button', { name: '导出为文件' })))

  const written = JSON.parse(await readBlob(createObjectURL.mock.calls[0][0]))
  expect(written.data.consents).toHaveLength(2)
  expect(screen.getByText('文件已下载：linliting-my-data.json')).toBeTruthy()
  click.mockRestore()
})

it('deletes the account only after an explained second step, then starts over at home', async () => {
  await show(<DataPage />)
  const card = within(document.getElementById('delete-account') as HTMLElement)

  fireEvent.click(card.getByRole('button', { name: '删除我的账号…' }))
  expect(callsTo(mockCall, account.deleteAccount)).toEqual([])
  expect(card.getByText(/会匿名保留：团队已认证的志愿时长/)).toBeTruthy()
  expect(card.getByText(/删除立即生效，无法恢复/)).toBeTruthy()

  fireEvent.click(card.getByRole('button', { name: '不删了' }))
  expect(card.queryByText(/会匿名保留/)).toBeNull()

  fireEvent.click(card.getByRole('button', { name: '删除我的账号…' }))
  await act(async () => fireEvent.click(card.getByRole('button', { name: '确认删除我的账号' })))

  expect(callsTo(mockCall, account.deleteAccount)).toEqual([{ confirm: 'DELETE' }])
  expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' })
  expect(useSession.getState().me?.nickname).toBe('邻居')
})

it('keeps the account and explains when deletion fails', async () => {
  routeCalls(mockCall, [
    [account.exportMyData, () => EXPORT],
    [
      account.deleteAccount,
      () => {
        throw new CloudError('NETWORK', 'request:fail')
      },
    ],
  ])
  await show(<DataPage />)
  const card = within(document.getElementById('delete-account') as HTMLElement)
  fireEvent.click(card.getByRole('button', { name: '删除我的账号…' }))
  await act(async () => fireEvent.click(card.getByRole('button', { name: '确认删除我的账号' })))
  expect(card.getByText('网络不太好，请检查网络后再试。')).toBeTruthy()
  expect(Taro.switchTab).not.toHaveBeenCalled()
  expect(card.getByRole('button', { name: '确认删除我的账号' }).hasAttribute('disabled')).toBe(false)
})

it('speaks English', async () => {
  useSettings.setState({ locale: 'en' })
  await show(<DataPage />)
  expect(screen.getByText('Consent records')).toBeTruthy()
  expect(screen.getByText('Includes: purpose, agreed or not, notice version, time, history of changes')).toBeTruthy()
  expect(screen.getByRole('button', { name: 'Export as a file' })).toBeTruthy()
})
