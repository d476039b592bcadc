/**
 * Test data for the account pages, shaped like the demo community (cloud/runtime/seed.ts): 绿庭尚城 1号楼 and its
 * people. Imported by tests only.
 */
import { POLICY_VERSIONS, type ConsentState, type Me } from '@contracts/model'

export const V = POLICY_VERSIONS.app

export function consents(granted: Partial<Record<ConsentState['purpose'], string>>): ConsentState[] {
  return (['app', 'publish_household', 'health'] as const).map((purpose) => ({
    purpose,
    granted: Boolean(granted[purpose]),
    version: POLICY_VERSIONS[purpose],
    at: granted[purpose] ?? '',
  }))
}

/** 新邻居: first visit, nothing agreed, no home. */
export const newcomer: Me = {
  nickname: '邻居',
  avatarUrl: '',
  avatarFileId: '',
  avatarFolder: 'avatars/0123456789abcdef01234567/',
  avatarReview: null,
  locale: null,
  elderMode: false,
  consents: consents({}),
  roles: [],
  residencies: [],
}

/** 李阿姨: agreed to the app and health readings, verified in 绿庭尚城 1号楼 1单元 502. */
export const resident: Me = {
  nickname: '李阿姨',
  avatarUrl: '',
  avatarFileId: '',
  avatarFolder: 'avatars/0123456789abcdef01234567/',
  avatarReview: null,
  locale: null,
  elderMode: true,
  consents: consents({ app: '2026-11-27T01:30:00.000Z', health: '2026-11-27T01:32:00.000Z' }),
  roles: [],
  residencies: [
    {
      id: 'demo-resident:ltsc-1-1-502',
      householdId: 'ltsc-1-1-502',
      buildingId: 'ltsc-1',
      buildingName: '1号楼',
      areaName: '绿庭尚城',
      unit: 1,
      room: '502',
      status: 'verified',
    },
  ],
}

/** A newcomer who has agreed to the app but not bound a home yet. */
export const agreed: Me = { ...newcomer, consents: consents({ app: '2026-11-27T06:00:00.000Z' }) }
