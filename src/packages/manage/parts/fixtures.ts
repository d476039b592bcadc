/** People of the demo community (cloud/runtime/seed.ts) as `account.me` describes them. Imported by tests only. */
import { POLICY_VERSIONS, type Me } from '@contracts/model'

const agreedToApp = [
  { purpose: 'app' as const, granted: true, version: POLICY_VERSIONS.app, at: '2026-11-20T02:00:00.000Z' },
  { purpose: 'publish_household' as const, granted: false, version: POLICY_VERSIONS.publish_household, at: '' },
  { purpose: 'health' as const, granted: false, version: POLICY_VERSIONS.health, at: '' },
]

/** 张老师: building leader of 绿庭尚城 1号楼, lives there in 1单元 301. */
export const leader: Me = {
  nickname: '张老师',
  avatarUrl: '',
  avatarFileId: '',
  avatarFolder: 'avatars/0123456789abcdef01234567/',
  avatarReview: null,
  locale: null,
  elderMode: false,
  consents: agreedToApp,
  roles: [{ role: 'building_leader', scope: 'ltsc-1', scopeName: '绿庭尚城 1号楼' }],
  residencies: [
    { id: 'demo-leader:ltsc-1-1-301', householdId: 'ltsc-1-1-301', buildingId: 'ltsc-1', buildingName: '1号楼', areaName: '绿庭尚城', unit: 1, room: '301', status: 'verified' },
  ],
}

/** 周书记: community admin (党总支), no home in the app. */
export const admin: Me = { ...leader, nickname: '周书记', roles: [{ role: 'admin', scope: 'community', scopeName: '社区' }], residencies: [] }

/** 刘队长: leads the night patrol team, manages no building. */
export const teamLeader: Me = { ...leader, nickname: '刘队长', roles: [{ role: 'team_leader', scope: 'night-walk', scopeName: '夜走队' }] }

/** 李阿姨: a resident with no role. */
export const resident: Me = { ...leader, nickname: '李阿姨', roles: [] }
