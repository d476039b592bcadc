/** Wire data for the household page tests, in the shapes the cloud function answers with. Imported by tests only. */
import type { FulfilmentEntry, HouseholdCard, MyHousehold, PartyState, Pledge } from '@contracts/household'

export const pledge = (over: Partial<Pledge> = {}): Pledge => ({
  id: 'p1',
  category: 'environment',
  text: '每周六上午清扫本单元楼道',
  status: 'active',
  since: '2026-11-01T02:00:00.000Z',
  updatedAt: '2026-11-01T02:00:00.000Z',
  revisions: [],
  ...over,
})

export const entry = (over: Partial<FulfilmentEntry> = {}): FulfilmentEntry => ({
  id: 'e1',
  day: '2026-11-26',
  note: '清扫了 1 单元楼道',
  photos: [],
  evidenced: false,
  source: null,
  pledgeId: 'p1',
  pledgeCategory: 'environment',
  thanks: 2,
  thankedByMe: false,
  ...over,
})

export const party = (over: Partial<PartyState> = {}): PartyState => ({
  status: 'verified',
  displayName: '502 李家',
  intro: '',
  published: false,
  consent: false,
  shown: false,
  appliedAt: '2026-11-20T02:00:00.000Z',
  decidedAt: '2026-11-21T02:00:00.000Z',
  pledges: [pledge()],
  timeline: [entry()],
  history: [],
  ...over,
})

export const home = (over: Partial<MyHousehold> = {}): MyHousehold => ({
  householdId: 'ltsc-1-1-502',
  buildingId: 'ltsc-1',
  areaName: '绿庭尚城',
  buildingName: '1号楼',
  unit: 1,
  room: '502',
  party: party(),
  ...over,
})

export const card = (over: Partial<HouseholdCard> = {}): HouseholdCard => ({
  householdId: 'ltsc-1-1-601',
  buildingId: 'ltsc-1',
  areaName: '绿庭尚城',
  buildingName: '1号楼',
  unit: 1,
  room: '601',
  displayName: '601 王家',
  intro: '老党员之家。',
  shown: true,
  isMine: false,
  pledges: [pledge()],
  timeline: [entry()],
  more: false,
  ...over,
})
