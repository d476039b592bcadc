import { POLICY_VERSIONS } from '../contracts/model'
import type { PledgeCategory } from '../domain/household'
import { thankId } from '../domain/household'
import { addDays, chinaDay } from '../domain/time'
import { consentId, residencyId } from '../lib/auth'
import { C } from '../lib/collections'
import { evidencedEntryId } from '../lib/fulfilment'
import { sortableId, thankTicket, type FulfilmentDoc, type HouseholdLogDoc, type PartyHouseholdDoc, type PledgeDoc, type ThankDoc } from '../lib/household'
import { householdId as householdIdOf } from '../lib/structure'
import type { Database } from '../types/database'

/**
 * Demo party-member households (挂牌亮身份) in the demo buildings: shown ones with pledges in every category and
 * fulfilment timelines (some evidenced by volunteer shifts, some thanked), one that withdrew, and applications
 * waiting in the admin's queue. demo-party's own 601 in 绿庭尚城1号楼 is shown, with its consent on record.
 *
 * Each seeded household other than demo-party's has one fictional member (openid `seed-<householdId>`, nickname
 * "邻居") who applied, consented and published: shown needs a consenting publisher who lives there, and the seed
 * follows the same rules as everyone else. Display names carry a surname only, never a full name.
 */
interface SeedHousehold {
  building: string
  unit: number
  room: string
  surname: string
  state: 'shown' | 'withdrawn' | 'pending'
  intro?: string
  /** Pledge slots from PLEDGES; fulfilment notes from NOTES follow the pledges. */
  pledges?: [PledgeCategory, number][]
  /** Publisher: demo-party for 601, a seed member otherwise. */
  member?: string
}

const PLEDGES: Record<PledgeCategory, string[]> = {
  mutual_aid: ['帮独居老人代买菜、取快递', '楼里谁家有急事，白天随时可以敲门找我们', '教邻居长辈用手机挂号、视频通话'],
  environment: ['每周六上午清扫本单元楼道', '带头做好垃圾分类，每月值守一次垃圾箱房', '不在楼道堆放杂物，发现了提醒整理'],
  family_virtue: ['红白喜事从简，不铺张', '孝老爱亲，每周陪父母吃一次饭', '家里孩子参加一次社区读书会'],
  volunteering: ['每月参加一次红马甲门岗值守', '参加夜走队巡逻，每月两次', '为日韩邻居翻译社区通知'],
  other: ['节假日帮邻居照看花草'],
}

const NOTES: Record<PledgeCategory, string[]> = {
  mutual_aid: ['帮 5 楼的老人取了快递，顺便买了菜', '陪邻居阿姨去社区医院配药', '教 3 楼的爷爷用手机视频通话'],
  environment: ['清扫了 1 单元 1 到 6 楼楼道', '值守垃圾箱房，帮大家分类', '清理了楼道里的旧纸箱'],
  family_virtue: ['孙子的满月酒在家里简单吃了顿饭', '陪父母去公园散步'],
  volunteering: ['红马甲门岗值守 2 小时', '夜走队巡逻一圈，检查了电动车充电', '翻译了停水通知（韩语）'],
  other: ['给出差的邻居浇了花'],
}

const SEED_HOUSEHOLDS: SeedHousehold[] = [
  {
    building: 'ltsc-1', unit: 1, room: '601', surname: '王', state: 'shown', member: 'demo-party',
    intro: '老党员之家。退休前在色织厂工作，楼里有什么事尽管来敲门。',
    pledges: [['mutual_aid', 0], ['environment', 0], ['family_virtue', 0], ['volunteering', 0]],
  },
  { building: 'ltsc-1', unit: 1, room: '402', surname: '陈', state: 'shown', intro: '家里有两位党员，欢迎邻居来坐坐。', pledges: [['mutual_aid', 2], ['environment', 1]] },
  { building: 'ltsc-1', unit: 2, room: '202', surname: '赵', state: 'shown', pledges: [['environment', 2], ['volunteering', 1]] },
  { building: 'ltsc-1', unit: 2, room: '501', surname: '孙', state: 'shown', intro: '退休教师家庭。', pledges: [['family_virtue', 2], ['mutual_aid', 1]] },
  { building: 'ltsc-1', unit: 2, room: '101', surname: '黄', state: 'shown', pledges: [['volunteering', 0]] },
  { building: 'ltsc-1', unit: 2, room: '602', surname: '吴', state: 'withdrawn', pledges: [['environment', 0]] },
  { building: 'ltsc-1', unit: 2, room: '301', surname: '郑', state: 'pending', intro: '刚搬来一年，想为楼里多做点事。' },
  { building: 'ltsc-2', unit: 1, room: '302', surname: '刘', state: 'shown', pledges: [['mutual_aid', 1], ['other', 0]] },
  { building: 'ltsc-2', unit: 2, room: '601', surname: '杨', state: 'shown', pledges: [['environment', 0]] },
  { building: 'ltsc-2', unit: 1, room: '102', surname: '何', state: 'pending' },
  { building: 'ltsc-3', unit: 1, room: '1101', surname: '林', state: 'shown', pledges: [['volunteering', 1]] },
  { building: 'ltsc-3', unit: 1, room: '803', surname: '罗', state: 'shown', pledges: [['family_virtue', 1], ['mutual_aid', 0]] },
  { building: 'ltsc-3', unit: 1, room: '204', surname: '梁', state: 'shown', pledges: [['environment', 1]] },
  { building: 'lt-1', unit: 2, room: '302', surname: '谢', state: 'shown', intro: '夜走队队员之家。', pledges: [['volunteering', 1], ['mutual_aid', 0]] },
  { building: 'lt-3', unit: 1, room: '1502', surname: '宋', state: 'shown', pledges: [['mutual_aid', 0]] },
  { building: 'lt-3', unit: 2, room: '904', surname: '唐', state: 'shown', pledges: [['environment', 2], ['family_virtue', 0]] },
  { building: 'lt-3', unit: 2, room: '1801', surname: '许', state: 'shown', pledges: [['volunteering', 0]] },
  { building: 'lt-3', unit: 1, room: '603', surname: '韩', state: 'pending' },
  { building: 'bsw-2', unit: 1, room: '3301', surname: '袁', state: 'shown', intro: '贝尚湾老住户。', pledges: [['mutual_aid', 0], ['volunteering', 1]] },
  { building: 'bsw-2', unit: 1, room: '3005', surname: '朴', state: 'shown', intro: '朝鲜族党员家庭，会说韩语，欢迎韩国邻居来问。', pledges: [['volunteering', 2], ['mutual_aid', 2]] },
  { building: 'bsw-2', unit: 1, room: '2708', surname: '冯', state: 'shown', pledges: [['environment', 0]] },
  { building: 'bsw-2', unit: 1, room: '2403', surname: '邓', state: 'shown', pledges: [['family_virtue', 1]] },
  { building: 'bsw-2', unit: 1, room: '2102', surname: '曹', state: 'shown', pledges: [['mutual_aid', 1]] },
  { building: 'bsw-2', unit: 1, room: '1807', surname: '彭', state: 'shown', pledges: [['environment', 1]] },
  { building: 'bsw-2', unit: 1, room: '1504', surname: '曾', state: 'shown', pledges: [['volunteering', 0]] },
  { building: 'bsw-2', unit: 1, room: '1206', surname: '肖', state: 'shown', pledges: [['mutual_aid', 2]] },
  { building: 'bsw-2', unit: 1, room: '901', surname: '田', state: 'shown', pledges: [['family_virtue', 2]] },
  { building: 'bsw-2', unit: 1, room: '608', surname: '董', state: 'shown', pledges: [['environment', 2]] },
  { building: 'bsw-2', unit: 1, room: '305', surname: '潘', state: 'shown', pledges: [['volunteering', 1]] },
  { building: 'bsw-2', unit: 1, room: '102', surname: '蒋', state: 'shown', pledges: [['mutual_aid', 0]] },
  { building: 'bsw-5', unit: 1, room: '1102', surname: '蔡', state: 'shown', pledges: [['mutual_aid', 1]] },
  { building: 'bsw-5', unit: 2, room: '503', surname: '余', state: 'shown', pledges: [['environment', 0], ['other', 0]] },
]

const AREA_OF: Record<string, string> = { 'ltsc-1': 'ltsc', 'ltsc-2': 'ltsc', 'ltsc-3': 'ltsc', 'lt-1': 'lt', 'lt-3': 'lt', 'bsw-2': 'bsw', 'bsw-5': 'bsw' }

/** Days before today (China) of a household's fulfilment entries: a steady record over the last months. */
const ENTRY_AGES = [2, 9, 23, 41]

export async function seedHousehold(db: Database, now = new Date()): Promise<void> {
  const today = chinaDay(now)
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86400000)
  let sequence = 0
  const id = (prefix: string) => `${prefix}-seed-${String(++sequence).padStart(4, '0')}`
  // Each shown household's first entry gets thanks from neighbours, added after every household exists.
  const thanked: FulfilmentDoc[] = []

  for (const [index, seed] of SEED_HOUSEHOLDS.entries()) {
    const household = householdIdOf(seed.building, seed.unit, seed.room)
    const member = seed.member ?? `seed-${household}`
    const applied = at(120 - index)
    if (!seed.member) {
      await db.collection(C.users).add({ data: { _id: member, nickname: '邻居', avatarUrl: '', locale: null, elderMode: false, createdAt: applied } })
      const purposes = seed.state === 'shown' ? (['app', 'publish_household'] as const) : (['app'] as const)
      for (const purpose of purposes) {
        const entry = { granted: true, version: POLICY_VERSIONS[purpose], at: applied }
        await db.collection(C.consents).add({ data: { _id: consentId(member, purpose), openid: member, purpose, ...entry, history: [entry] } })
      }
      await db.collection(C.residencies).add({
        data: { _id: residencyId(member, household), openid: member, householdId: household, buildingId: seed.building, areaId: AREA_OF[seed.building], status: 'verified', via: 'seed', requestedAt: applied, decidedAt: applied, decidedBy: 'seed' },
      })
    }

    const verified = seed.state !== 'pending'
    const pledgeSlots = verified ? (seed.pledges ?? []) : []
    const doc: PartyHouseholdDoc = {
      _id: household,
      buildingId: seed.building,
      areaId: AREA_OF[seed.building],
      unit: seed.unit,
      room: seed.room,
      status: verified ? 'verified' : 'pending',
      displayName: `${seed.room} ${seed.surname}家`,
      intro: seed.intro ?? '',
      published: seed.state === 'shown',
      publishedBy: verified ? member : null,
      publishedAt: verified ? at(100 - index) : null,
      activePledges: pledgeSlots.length,
      appliedBy: member,
      appliedAt: applied,
      decidedBy: verified ? 'demo-admin' : null,
      decidedAt: verified ? at(110 - index) : null,
    }
    await db.collection(C.partyHouseholds).add({ data: doc })
    const log = (action: string, when: Date, role: HouseholdLogDoc['role'] = 'member') =>
      db.collection(C.householdLog).add({ data: { _id: sortableId(when), householdId: household, actor: role === 'admin' ? 'demo-admin' : member, role, action, before: null, after: null, at: when } satisfies HouseholdLogDoc })
    await log('apply', applied)
    if (!verified) continue
    await log('verify', doc.decidedAt as Date, 'admin')
    await log('publish', doc.publishedAt as Date)
    if (seed.state === 'withdrawn') await log('withdraw', at(5))

    for (const [slot, [category, variant]] of pledgeSlots.entries()) {
      const pledge: PledgeDoc = {
        _id: id('pledge'),
        householdId: household,
        buildingId: seed.building,
        category,
        text: PLEDGES[category][variant % PLEDGES[category].length],
        status: 'active',
        createdBy: member,
        createdAt: at(95 - index - slot),
        updatedAt: at(95 - index - slot),
        retiredAt: null,
        revisions: [],
      }
      await db.collection(C.pledges).add({ data: pledge })
      await log('pledge.add', pledge.createdAt)
      const age = ENTRY_AGES[slot % ENTRY_AGES.length] + (index % 5)
      const entry: FulfilmentDoc = {
        _id: id('entry'),
        householdId: household,
        buildingId: seed.building,
        day: addDays(today, -age),
        note: NOTES[category][variant % NOTES[category].length],
        photos: [],
        evidenced: false,
        source: null,
        pledgeId: pledge._id,
        thanks: 0,
        createdBy: member,
        createdAt: at(age),
      }
      await db.collection(C.fulfilments).add({ data: entry })
      if (slot === 0 && seed.state === 'shown') thanked.push(entry)
    }

    // Volunteers among them have an entry the volunteer feature would have added on check-out: evidenced.
    if (pledgeSlots.some(([category]) => category === 'volunteering')) {
      const work = { kind: 'shift' as const, refId: `seed-shift-${index}` }
      const entry: FulfilmentDoc = {
        _id: evidencedEntryId(work, household),
        householdId: household,
        buildingId: seed.building,
        day: addDays(today, -(6 + (index % 7))),
        note: '红马甲门岗值守 2 小时（志愿服务记录）',
        photos: [],
        evidenced: true,
        source: { kind: work.kind, refId: work.refId },
        pledgeId: null,
        thanks: 0,
        createdBy: member,
        createdAt: at(6 + (index % 7)),
      }
      await db.collection(C.fulfilments).add({ data: entry })
    }
  }

  // Thanks from neighbours in the same building (seed members and the demo residents), once each, counters in step.
  const neighbours = (buildingId: string, householdId: string) =>
    [
      ...SEED_HOUSEHOLDS.filter((seed) => seed.building === buildingId && !seed.member).map((seed) => `seed-${householdIdOf(seed.building, seed.unit, seed.room)}`),
      ...(buildingId === 'ltsc-1' ? ['demo-leader'] : []),
    ].filter((openid) => openid !== `seed-${householdId}`)
  for (const entry of thanked) {
    const by = neighbours(entry.buildingId, entry.householdId).slice(0, 3)
    const counted: string[] = []
    for (const openid of by) {
      const id = thankId(entry._id, openid)
      const thank: ThankDoc = { _id: id, entryId: entry._id, householdId: entry.householdId, openid, at: at(1), ticket: thankTicket(id) }
      await db.collection(C.fulfilmentThanks).add({ data: thank })
      counted.push(thankTicket(id))
    }
    if (by.length > 0) await db.collection(C.fulfilments).doc(entry._id).update({ data: { thanks: by.length, counted: db.command.set(counted) } })
  }
}
