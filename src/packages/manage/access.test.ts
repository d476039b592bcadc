import { accessOf } from './access'

describe('accessOf', () => {
  it('gives a building leader review, invites and buildings for their buildings, but not import, people or the audit log', () => {
    const access = accessOf([
      { role: 'building_leader', scope: 'ltsc-1', scopeName: '绿庭尚城 1号楼' },
      { role: 'building_leader', scope: 'ltsc-2', scopeName: '绿庭尚城 2号楼' },
    ])
    expect(access).toEqual({
      admin: false,
      leaderBuildings: [
        { id: 'ltsc-1', name: '绿庭尚城 1号楼' },
        { id: 'ltsc-2', name: '绿庭尚城 2号楼' },
      ],
      teamLeader: false,
      manager: true,
      canReview: true,
      canInvite: true,
      canBuildings: true,
      canImport: false,
      canPeople: false,
      canAudit: false,
    })
  })

  it('gives an admin every door', () => {
    expect(accessOf([{ role: 'admin', scope: 'community', scopeName: '社区' }])).toMatchObject({ admin: true, manager: true, canReview: true, canInvite: true, canBuildings: true, canImport: true, canPeople: true, canAudit: true })
  })

  it('gives a team leader the hub (their teams) but none of the building doors, and nobody else anything', () => {
    expect(accessOf([{ role: 'team_leader', scope: 'night-walk', scopeName: '夜走队' }])).toMatchObject({ teamLeader: true, manager: true, canReview: false, canInvite: false, canBuildings: false, canAudit: false })
    expect(accessOf([])).toMatchObject({ manager: false, canReview: false, canInvite: false, canBuildings: false, canAudit: false })
  })
})
