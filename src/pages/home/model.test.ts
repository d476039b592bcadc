import { homeCards } from './model'
import { home, leader, newcomer, resident, waiting } from '../../../tests/app/fixtures'

describe('homeCards', () => {
  it('asks a newcomer to read the privacy notice and to bind a home', () => {
    expect(homeCards(newcomer)).toEqual({ askPrivacy: true, askHome: true, pending: [] })
  })

  it('asks nothing of a verified resident who agreed', () => {
    expect(homeCards(resident)).toEqual({ askPrivacy: false, askHome: false, pending: [] })
  })

  it('keeps asking for a home while the only request waits, and lists the request', () => {
    const cards = homeCards(waiting)
    expect(cards.askHome).toBe(true)
    expect(cards.pending.map((item) => item.room)).toEqual(['1203'])
  })

  it('does not count a rejected or moved-out home as a home', () => {
    const me = { ...resident, residencies: [home('ltsc-1', 1, '502', 'left'), home('lt-3', 1, '101', 'rejected')] }
    expect(homeCards(me).askHome).toBe(true)
  })

  it('treats consent to an older policy version as not agreed', () => {
    const me = { ...leader, consents: leader.consents.map((item) => (item.purpose === 'app' ? { ...item, version: '2025-01-01' } : item)) }
    expect(homeCards(me).askPrivacy).toBe(true)
  })
})
