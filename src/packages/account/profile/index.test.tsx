import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import * as account from '@contracts/account'
import { call, CloudError } from '@/core/api'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'
import { resident } from '../parts/fixtures'
import { callsTo, routeCalls, show } from '@/ui/testing'
import ProfilePage from './index'

jest.mock('@/core/api', () => ({ ...jest.requireActual('@/core/api'), call: jest.fn() }))
const mockCall = call as jest.Mock

const nicknameField = () => screen.getByLabelText('昵称') as HTMLInputElement

beforeEach(() => {
  mockCall.mockReset()
  useSession.setState({ me: resident, loading: false, failed: false })
  useSettings.setState({ locale: 'zh-CN' })
  routeCalls(mockCall, [[account.updateProfile, (input) => ({ ...resident, ...(input as object) })]])
})

afterEach(() => {
  // process.env turns an assigned undefined into the string 'undefined'.
  Reflect.deleteProperty(process.env, 'TARO_ENV')
})

it('changes the nickname and saves only that', async () => {
  await show(<ProfilePage />)
  expect(nicknameField().value).toBe('李阿姨')

  fireEvent.change(nicknameField(), { target: { value: ' 502李阿姨 ' } })
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })))

  expect(callsTo(mockCall, account.updateProfile)).toEqual([{ nickname: '502李阿姨' }])
  expect(useSession.getState().me?.nickname).toBe('502李阿姨')
  expect(screen.getByText('已保存。')).toBeTruthy()
  expect(nicknameField().value).toBe('502李阿姨')
})

it('says what is wrong instead of sending an empty nickname or an unchanged profile', async () => {
  await show(<ProfilePage />)
  fireEvent.change(nicknameField(), { target: { value: '   ' } })
  fireEvent.click(screen.getByRole('button', { name: '保存' }))
  expect(screen.getByText('请填写昵称。')).toBeTruthy()

  fireEvent.change(nicknameField(), { target: { value: '李阿姨' } })
  fireEvent.click(screen.getByRole('button', { name: '保存' }))
  expect(screen.getByText('没有需要保存的修改。')).toBeTruthy()
  expect(callsTo(mockCall, account.updateProfile)).toEqual([])
})

it('explains a nickname that failed WeChat’s content check', async () => {
  routeCalls(mockCall, [
    [
      account.updateProfile,
      () => {
        throw new CloudError('CONTENT_RISKY', '内容含有违规信息')
      },
    ],
  ])
  await show(<ProfilePage />)
  fireEvent.change(nicknameField(), { target: { value: '某某某' } })
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })))
  expect(screen.getByText('这个昵称没有通过微信的内容安全检查，请换一个。')).toBeTruthy()
  expect(useSession.getState().me?.nickname).toBe('李阿姨')
})

it('offers WeChat’s avatar chooser on weapp only', async () => {
  await show(<ProfilePage />)
  expect(screen.queryByRole('button', { name: '更换头像' })).toBeNull()
  cleanup()

  process.env.TARO_ENV = 'weapp'
  await show(<ProfilePage />)
  expect(screen.getByRole('button', { name: '更换头像' })).toBeTruthy()
  expect(screen.getByText('还没有头像')).toBeTruthy()
})
