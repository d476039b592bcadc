import { exportJson, fieldsOf, MAX_FIELDS, summarize } from './summary'

const exported = {
  users: [{ _id: 'demo-resident', nickname: '李阿姨', avatarUrl: '', locale: null, elderMode: true, createdAt: '2026-11-20T02:00:00.000Z' }],
  consents: [
    { _id: 'demo-resident:app', openid: 'demo-resident', purpose: 'app', granted: true, version: '2026-11-27', at: '2026-11-27T01:30:00.000Z', history: [] },
    { _id: 'demo-resident:health', openid: 'demo-resident', purpose: 'health', granted: true, version: '2026-11-27', at: '2026-11-27T01:32:00.000Z', history: [] },
  ],
  roles: [],
  residencies: [{ _id: 'demo-resident:ltsc-1-1-502', openid: 'demo-resident', householdId: 'ltsc-1-1-502', buildingId: 'ltsc-1', areaId: 'ltsc', status: 'verified', via: 'seed' }],
  invite_attempts: [],
  audit_log: [],
  blood_pressure_v2: [{ systolic: 128 }],
}

describe('summarize', () => {
  it('lists only kinds that hold something, known kinds in a person’s order, unknown ones after', () => {
    expect(summarize(exported).map((item) => [item.kind, item.known, item.count])).toEqual([
      ['users', true, 1],
      ['consents', true, 2],
      ['residencies', true, 1],
      ['blood_pressure_v2', false, 1],
    ])
  })

  it('names the fields records use, without bookkeeping such as ids and openids', () => {
    const [, consents, residencies, other] = summarize(exported)
    expect(consents.fields.map((field) => field.name)).toEqual(['purpose', 'granted', 'version', 'at', 'history'])
    expect(residencies.fields.map((field) => field.name)).toEqual(['householdId', 'buildingId', 'status', 'via'])
    expect(other.fields).toEqual([{ known: false, name: 'systolic' }])
  })

  it('says nothing is kept when every kind is empty', () => {
    expect(summarize({ users: [], consents: [] })).toEqual([])
  })
})

describe('fieldsOf', () => {
  it('collects fields across records in first-seen order and stops at a readable number', () => {
    expect(fieldsOf([{ a: 1 }, { b: 2, a: 3 }, null, 'x']).map((field) => field.name)).toEqual(['a', 'b'])
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`f${index}`, index]))
    expect(fieldsOf([wide])).toHaveLength(MAX_FIELDS)
  })
})

describe('exportJson', () => {
  it('writes an indented document that reads back to the same data', () => {
    const json = exportJson({ exportedAt: '2026-11-27T08:00:00.000Z', data: exported })
    expect(json).toContain('\n  "exportedAt": "2026-11-27T08:00:00.000Z"')
    expect(JSON.parse(json).data.users[0].nickname).toBe('李阿姨')
  })
})
