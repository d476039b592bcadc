import { accessOf } from './access'

describe('accessOf', () => {
  it('gives a building leader review and invites for their buildings, but not the audit log', () => {
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
      canReview: true,
      canInvite: true,
      canAudit: false,
    })
  })

  it('gives an admin every door', () => {
    expect(accessOf([{ role: 'admin', scope: 'community', scopeName: '社区' }])).toMatchObject({ admin: true, canReview: true, canInvite: true, canAudit: true })
  })

  it('gives a team leader alone none of the community doors', () => {
    expect(accessOf([{ role: 'team_leader', scope: 'night-walk', scopeName: '夜走队' }])).toMatchObject({ teamLeader: true, canReview: false, canInvite: false, canAudit: false })
    expect(accessOf([])).toMatchObject({ canReview: false, canInvite: false, canAudit: false })
  })
})
