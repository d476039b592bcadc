import { AGREE_BUTTON_ID, usePrivacy } from './privacy'

beforeEach(() => usePrivacy.setState({ waiting: [], referrer: '', contractName: '', shown: false }))

describe('usePrivacy', () => {
  it('holds every waiting privacy API and answers them all with the tapped agree button', () => {
    const first = jest.fn()
    const second = jest.fn()
    usePrivacy.getState().need(first, 'packages/account/profile/index')
    usePrivacy.getState().need(second)
    expect(usePrivacy.getState().waiting).toHaveLength(2)
    usePrivacy.getState().agree()
    expect(first).toHaveBeenCalledWith({ buttonId: AGREE_BUTTON_ID, event: 'agree' })
    expect(second).toHaveBeenCalledWith({ buttonId: 'agree-privacy', event: 'agree' })
    expect(usePrivacy.getState().waiting).toEqual([])
  })

  it('tells WeChat the explanation was shown, without answering yet', () => {
    const resolve = jest.fn()
    usePrivacy.getState().need(resolve)
    usePrivacy.getState().exposed()
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
    expect(usePrivacy.getState().waiting).toHaveLength(1)
  })

  it('answers disagree and clears the panel', () => {
    const resolve = jest.fn()
    usePrivacy.getState().need(resolve)
    usePrivacy.getState().disagree()
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' })
    expect(usePrivacy.getState().waiting).toEqual([])
  })

  it('tells WeChat once per prompt that the guide was shown, and a call arriving while it is shown too', () => {
    const first = jest.fn()
    const second = jest.fn()
    usePrivacy.getState().need(first)
    usePrivacy.getState().exposed()
    usePrivacy.getState().exposed()
    expect(first).toHaveBeenCalledTimes(1)
    usePrivacy.getState().need(second)
    expect(second).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
  })
})
