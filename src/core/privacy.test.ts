import { AGREE_BUTTON_ID, usePrivacy } from './privacy'

beforeEach(() => usePrivacy.setState({ waiting: [], referrer: '' }))

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
})
