import { POLICY_VERSIONS, type ConsentState } from '@contracts/model'
import { consentRows, consentStatus } from './consents'

const current = POLICY_VERSIONS.app

describe('consentStatus', () => {
  it('tells a never-answered purpose (no time) from a withdrawn one', () => {
    expect(consentStatus(undefined)).toBe('never')
    expect(consentStatus({ purpose: 'health', granted: false, version: current, at: '' })).toBe('never')
    expect(consentStatus({ purpose: 'health', granted: false, version: current, at: '2026-11-20T02:00:00.000Z' })).toBe('withdrawn')
  })

  it('counts agreement to an older policy text as outdated, not granted', () => {
    expect(consentStatus({ purpose: 'app', granted: true, version: current, at: '2026-11-27T01:00:00.000Z' })).toBe('granted')
    expect(consentStatus({ purpose: 'app', granted: true, version: '2025-01-01', at: '2025-01-02T01:00:00.000Z' })).toBe('outdated')
  })
})

describe('consentRows', () => {
  it('always lists app, publish_household and health in that order, whatever the server sent', () => {
    const rows = consentRows([{ purpose: 'health', granted: true, version: current, at: '2026-11-27T01:00:00.000Z' }])
    expect(rows.map((row) => row.purpose)).toEqual(['app', 'publish_household', 'health'])
    expect(rows[0]).toMatchObject({ status: 'never', at: null, version: current, actions: ['grant'] })
  })

  it('offers withdraw for granted, grant for withdrawn, and both for an outdated agreement', () => {
    const consents: ConsentState[] = [
      { purpose: 'app', granted: true, version: current, at: '2026-11-27T01:00:00.000Z' },
      { purpose: 'publish_household', granted: false, version: current, at: '2026-11-27T02:00:00.000Z' },
      { purpose: 'health', granted: true, version: '2025-01-01', at: '2025-01-02T01:00:00.000Z' },
    ]
    const [app, publish, health] = consentRows(consents)
    expect(app.actions).toEqual(['withdraw'])
    expect(publish.actions).toEqual(['grant'])
    expect(health).toMatchObject({ status: 'outdated', version: '2025-01-01', currentVersion: current, actions: ['grant', 'withdraw'] })
  })

  it('blocks granting a separate purpose until the app consent is granted, but never blocks withdrawing', () => {
    const consents: ConsentState[] = [
      { purpose: 'app', granted: false, version: current, at: '2026-11-27T03:00:00.000Z' },
      { purpose: 'publish_household', granted: true, version: current, at: '2026-11-27T01:00:00.000Z' },
      { purpose: 'health', granted: false, version: current, at: '' },
    ]
    const [app, publish, health] = consentRows(consents)
    expect(app.needsApp).toBe(false)
    expect(publish.needsApp).toBe(false)
    expect(health.needsApp).toBe(true)
  })
})
