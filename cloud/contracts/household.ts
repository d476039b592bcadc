import * as v from 'valibot'
import { adminOnly, everyone, roles } from './access'
import { daySchema, defineAction, idSchema, noInput, pageCursor, SAMPLE_CURSOR, text } from './define'
import type { MediaReview, Page } from './model'
export { buildingBadges } from './household.tabs'

/**
 * 挂牌亮身份: party-member households (党员家庭) shown in their building, with pledges (承诺) and fulfilment (践诺).
 * Vocabulary and field limits, wire types, then one contract per action. Nothing here ever carries a member's name or
 * phone number. The rules (visibility, display names, dates, photos) are in cloud/domain/household.ts.
 */

/** 邻里互助, 环境卫生, 文明家风, 志愿服务, 其他 — in the order the community lists them. */
export const PLEDGE_CATEGORIES = ['mutual_aid', 'environment', 'family_virtue', 'volunteering', 'other'] as const
export type PledgeCategory = (typeof PLEDGE_CATEGORIES)[number]

export type PartyStatus = 'pending' | 'verified' | 'rejected'

/** Why a viewer may see a building's party-member households (cloud/domain/household.ts visibleAs). */
export type VisibleAs = 'admin' | 'leader' | 'resident' | 'area_leader' | 'area_resident'

/** "A few active pledges": a plaque with a long list is read by nobody. */
export const MAX_ACTIVE_PLEDGES = 5
export const PLEDGE_TEXT = { min: 4, max: 60 } as const
export const INTRO_MAX = 80
export const NOTE_TEXT = { min: 2, max: 140 } as const
export const DISPLAY_NAME = { min: 2, max: 16 } as const
export const MAX_PHOTOS = 3

/** A shown household as the building grid needs it: where, and what the household calls itself. */
export interface ShownHousehold {
  householdId: string
  unit: number
  floor: number
  room: string
  displayName: string
}

export interface BuildingBadges {
  buildingId: string
  /** Why the caller may see them (building resident, leader, admin, or the widened residential area). */
  visibleAs: VisibleAs
  /** Only households shown right now; the count in the header is its length. */
  households: ShownHousehold[]
}

export interface PledgeRevision {
  category: PledgeCategory
  text: string
  at: string
}

export interface Pledge {
  id: string
  category: PledgeCategory
  text: string
  status: 'active' | 'retired'
  since: string
  updatedAt: string
  /** Earlier wordings, oldest first; sent to the household's own members only. */
  revisions: PledgeRevision[]
}

export interface FulfilmentEntry {
  id: string
  /** China day, 'YYYY-MM-DD'. */
  day: string
  note: string
  /** Displayable URLs (temporary links to cloud storage); for neighbours only the photos WeChat's image check passed. */
  photos: string[]
  /** In the household's own view: each photo's image check, in the order of `photos` ("未通过审核" and why). */
  photoReviews?: MediaReview[]
  /** Added automatically from a completed volunteer shift or a service session the member ran. */
  evidenced: boolean
  source: 'shift' | 'session' | null
  pledgeId: string | null
  pledgeCategory: PledgeCategory | null
  thanks: number
  thankedByMe: boolean
}

export interface HouseholdCard {
  householdId: string
  buildingId: string
  areaName: string
  buildingName: string
  unit: number
  room: string
  displayName: string
  intro: string
  /** False only when a member looks at their own household while it is not shown. */
  shown: boolean
  isMine: boolean
  pledges: Pledge[]
  timeline: FulfilmentEntry[]
  /** More entries exist than the timeline carries. */
  more: boolean
}

export interface HouseholdChange {
  id: string
  action: string
  /** 'member' for anyone of the household; people in the household know who they are, neighbours never see this. */
  by: 'member' | 'admin' | 'system'
  at: string
}

export interface PartyState {
  status: PartyStatus
  displayName: string
  intro: string
  published: boolean
  /** The caller's own publish_household consent (current version, not withdrawn). */
  consent: boolean
  /** Whether neighbours see the badge right now. */
  shown: boolean
  appliedAt: string
  decidedAt: string
  pledges: Pledge[]
  timeline: FulfilmentEntry[]
  history: HouseholdChange[]
}

export interface MyHousehold {
  householdId: string
  buildingId: string
  areaName: string
  buildingName: string
  unit: number
  room: string
  party: PartyState | null
}

export interface PendingHousehold {
  householdId: string
  areaName: string
  buildingName: string
  unit: number
  room: string
  displayName: string
  intro: string
  status: PartyStatus
  /** The applicant's nickname, for the admin who calls on them; never shown to neighbours. */
  applicant: string
  appliedAt: string
}

export interface BuildingCoverage {
  buildingId: string
  areaId: string
  areaName: string
  buildingName: string
  households: number
  verified: number
  shown: number
  pending: number
}

export interface Coverage {
  buildings: BuildingCoverage[]
  totals: { households: number; verified: number; shown: number; pending: number }
  activity: {
    activePledges: { category: PledgeCategory; count: number }[]
    /** Fulfilment entries in the last 30 days (China days), how many of them evidenced, and thanks they received. */
    entries30d: number
    evidenced30d: number
    thanks30d: number
  }
  areas: { id: string; name: string; areaWide: boolean }[]
}

// ---------------------------------------------------------------------------------------------------------------

const householdId = idSchema
const displayName = v.pipe(v.string(), v.trim(), v.minLength(DISPLAY_NAME.min), v.maxLength(DISPLAY_NAME.max * 2))
const intro = v.optional(text(INTRO_MAX, 0), '')
const fileId = v.pipe(v.string(), v.maxLength(300), v.regex(/^cloud:\/\/\S+$/))

/**
 * A household's own record: only its verified members may touch it (FORBIDDEN for anyone else's). Of the matrix's
 * callers only partyMember's home is a party-member household; for the others there is nothing to act on (NOT_FOUND).
 */
const members = roles({ own: 'NOT_FOUND', other: 'FORBIDDEN' }, { newcomer: 'FORBIDDEN', partyMember: { own: 'ok', other: 'FORBIDDEN' } })


/** A shown household's card, for whoever may see its building; a home that is not a shown party household is NOT_FOUND. */
export const viewCard = defineAction<HouseholdCard>()('household', 'card.view', v.object({ householdId }), {
  roles: roles(
    { own: 'NOT_FOUND', other: 'NOT_VISIBLE' },
    {
      newcomer: { own: 'NOT_FOUND', other: 'NOT_VISIBLE' },
      resident: { own: 'NOT_FOUND', other: 'ok' },
      partyMember: 'ok',
      buildingLeader: { own: 'NOT_FOUND', other: 'ok' },
      admin: { own: 'NOT_FOUND', other: 'ok' },
    },
  ),
  sample: (r) => ({ householdId: r.householdId }),
})

/** A member of a verified home applies for it; the household is shown only after verification and published consent. */
export const apply = defineAction<MyHousehold>()('household', 'apply', v.object({ householdId, displayName, intro }), {
  // partyMember's household is verified already: CONFLICT.
  roles: roles({ own: 'ok', other: 'FORBIDDEN' }, { newcomer: 'CONSENT_REQUIRED', partyMember: { own: 'CONFLICT', other: 'FORBIDDEN' } }),
  sample: (r) => ({ householdId: r.householdId, displayName: '我们家', intro: '' }),
})

export const mine = defineAction<MyHousehold[]>()('household', 'mine', noInput, { roles: everyone, sample: () => ({}) })

export const updateProfile = defineAction<MyHousehold>()('household', 'profile.update', v.object({ householdId, displayName, intro }), {
  roles: members,
  sample: (r) => ({ householdId: r.householdId, displayName: '我们家', intro: '楼里有事尽管来敲门' }),
})

/** publish: true needs the caller's publish_household consent; false (withdrawal) always works, in one tap. */
export const publish = defineAction<MyHousehold>()('household', 'publish', v.object({ householdId, publish: v.boolean() }), {
  roles: members,
  sample: (r) => ({ householdId: r.householdId, publish: false }),
})

export const savePledge = defineAction<MyHousehold>()(
  'household',
  'pledge.save',
  v.object({
    householdId,
    /** Absent for a new pledge. */
    pledgeId: v.optional(idSchema),
    category: v.picklist(PLEDGE_CATEGORIES),
    text: text(PLEDGE_TEXT.max, PLEDGE_TEXT.min),
  }),
  { roles: members, sample: (r) => ({ householdId: r.householdId, category: 'other', text: '每周六打扫一次楼道' }) },
)

export const retirePledge = defineAction<MyHousehold>()('household', 'pledge.retire', v.object({ householdId, pledgeId: idSchema }), {
  roles: members,
  sample: (r) => ({ householdId: r.householdId, pledgeId: r.pledgeId }),
})

export const addFulfilment = defineAction<MyHousehold>()(
  'household',
  'fulfilment.add',
  v.object({
    householdId,
    day: daySchema,
    note: text(NOTE_TEXT.max, NOTE_TEXT.min),
    pledgeId: v.optional(v.nullable(idSchema), null),
    photos: v.optional(v.pipe(v.array(fileId), v.maxLength(MAX_PHOTOS)), []),
  }),
  { roles: members, sample: (r) => ({ householdId: r.householdId, day: r.today, note: '帮邻居取了快递', pledgeId: r.pledgeId }) },
)

export const thank = defineAction<{ entryId: string; thanks: number; thankedByMe: true; already: boolean }>()(
  'household',
  'fulfilment.thank',
  // Entry ids come from add() (hex) or from addEvidencedFulfilment (auto-<kind>-<refId>-<household>, at most 120).
  v.object({ entryId: v.pipe(v.string(), v.minLength(1), v.maxLength(120), v.regex(/^[^\s/]+$/)) }),
  {
    // Neighbours who may see the building thank; a household never thanks itself. Any entry one may not thank is
    // NOT_FOUND (not NOT_VISIBLE), so that no entry id tells whether its household is a party-member household.
    roles: roles(
      'NOT_FOUND',
      {
        newcomer: 'CONSENT_REQUIRED',
        resident: { own: 'NOT_FOUND', other: 'ok' },
        partyMember: { own: 'FORBIDDEN', other: 'ok' },
        buildingLeader: { own: 'NOT_FOUND', other: 'ok' },
        admin: { own: 'NOT_FOUND', other: 'ok' },
      },
    ),
    sample: (r) => ({ entryId: r.entryId }),
  },
)

/** Oldest first, 50 a page: a community-wide campaign can bring more applications than one query returns. */
export const queue = defineAction<Page<PendingHousehold>>()('household', 'queue', v.optional(v.object({ cursor: pageCursor }), {}), {
  roles: adminOnly,
  // A cursor in the sample, so that the fuzz test aims its hostile values at it too.
  sample: () => ({ cursor: SAMPLE_CURSOR }),
})

/**
 * Verify or refuse an application; refusing a verified household withdraws its verification. An admin never verifies
 * a household they are a verified resident of (FORBIDDEN, field 'own_household'): another admin does.
 */
export const decide = defineAction<PendingHousehold>()(
  'household',
  'decide',
  v.object({ householdId, approve: v.boolean(), reason: v.optional(text(60, 0), '') }),
  // The admin's own home has no application (NOT_FOUND); the neighbour's verified household can be refused.
  { roles: roles('FORBIDDEN', { admin: { own: 'NOT_FOUND', other: 'ok' } }), sample: (r) => ({ householdId: r.householdId, approve: false, reason: '核对后不是党员家庭' }) },
)

export const coverage = defineAction<Coverage>()('household', 'coverage', noInput, { roles: adminOnly, sample: () => ({}) })

/** The community's setting: show a residential area's party-member households to the whole area, not one building. */
export const setAreaWide = defineAction<Coverage['areas'][number]>()('household', 'settings.area', v.object({ areaId: idSchema, areaWide: v.boolean() }), {
  roles: adminOnly,
  sample: (r) => ({ areaId: r.areaId, areaWide: true }),
})
