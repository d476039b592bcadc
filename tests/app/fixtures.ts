/**
 * Test data for the tab pages, shaped like the demo community (cloud/runtime/seed.ts), and a stand-in cloud that
 * answers `call` by contract the way the cloud's action table does. Imported by tests only.
 */
import type * as v from 'valibot'
import * as account from '@contracts/account'
import * as community from '@contracts/community'
import type { Contract, FunctionName } from '@contracts/define'
import { POLICY_VERSIONS, type BuildingView, type ConsentState, type Locale, type Me, type ResidencySummary, type ServiceType, type Team } from '@contracts/model'
import * as service from '@contracts/service'
import * as volunteer from '@contracts/volunteer'
import { CloudError, type call } from '@/core/api'
import { useSession } from '@/core/session'
import { useSettings } from '@/core/settings'

type AnyContract = Contract<FunctionName, v.GenericSchema, unknown>
export type Answer = (input: unknown) => unknown

/** A `call` that answers from a table; a contract missing from the table fails loudly, as an unknown action would. */
export function fakeCloud(table: Iterable<readonly [AnyContract, Answer]>): typeof call {
  const answers = new Map(table)
  const fake = async (contract: AnyContract, input: unknown) => {
    const answer = answers.get(contract)
    if (!answer) throw new Error(`unexpected call ${contract.fn}.${contract.action}`)
    return answer(input)
  }
  return fake as typeof call
}

export const fails = (code: CloudError['code']): Answer => () => {
  throw new CloudError(code, 'refused by the test cloud')
}

function consents(purposes: ConsentState['purpose'][]): ConsentState[] {
  return (['app', 'publish_household', 'health'] as const).map((purpose) => ({
    purpose,
    granted: purposes.includes(purpose),
    version: POLICY_VERSIONS[purpose],
    at: purposes.includes(purpose) ? '2026-11-27T01:30:00.000Z' : '',
  }))
}

export function home(buildingId: string, unit: number, room: string, status: ResidencySummary['status'] = 'verified'): ResidencySummary {
  const names: Record<string, [string, string]> = {
    'ltsc-1': ['绿庭尚城', '1号楼'],
    'lt-3': ['朗庭', '3号楼'],
    'bsw-2': ['贝尚湾', '2号楼'],
  }
  const [areaName, buildingName] = names[buildingId] ?? ['绿庭尚城', '2号楼']
  const householdId = `${buildingId}-${unit}-${room}`
  return { id: `me:${householdId}`, householdId, buildingId, buildingName, areaName, unit, room, status }
}

/** 李阿姨: agreed, verified in 绿庭尚城 1号楼 1单元 502. */
export const resident: Me = {
  nickname: '李阿姨',
  avatarUrl: '',
  avatarFileId: '',
  avatarFolder: 'avatars/0123456789abcdef01234567/',
  avatarReview: null,
  locale: null,
  elderMode: false,
  consents: consents(['app', 'health']),
  roles: [],
  residencies: [home('ltsc-1', 1, '502')],
}

/** 新邻居: first visit, nothing agreed, no home. */
export const newcomer: Me = { ...resident, nickname: '新邻居', consents: consents([]), residencies: [] }

/** Agreed, asked to join 朗庭 3号楼 and waits for the building leader. */
export const waiting: Me = { ...resident, nickname: '小陈', residencies: [home('lt-3', 2, '1203', 'pending')] }

/** 张老师: building leader with homes in two buildings. */
export const leader: Me = {
  ...resident,
  nickname: '张老师',
  roles: [{ role: 'building_leader', scope: 'ltsc-1', scopeName: '绿庭尚城1号楼' }],
  residencies: [home('ltsc-1', 1, '301'), home('bsw-2', 1, '2105'), home('lt-3', 1, '101', 'rejected')],
}

/** A building as viewBuilding returns it: floors top to bottom, my household among the rooms. */
export function buildingView(options: { id: string; name: string; areaName: string; units: number; floors: number; roomsPerFloor: number; mine: string[] }): BuildingView {
  const units = Array.from({ length: options.units }, (_, u) => ({
    unit: u + 1,
    floors: Array.from({ length: options.floors }, (_, f) => {
      const floor = options.floors - f
      return {
        floor,
        rooms: Array.from({ length: options.roomsPerFloor }, (_, r) => {
          const room = `${floor}${String(r + 1).padStart(2, '0')}`
          return { householdId: `${options.id}-${u + 1}-${room}`, unit: u + 1, floor, room }
        }),
      }
    }),
  }))
  const count = options.units * options.floors * options.roomsPerFloor
  return {
    building: { id: options.id, areaId: options.id.split('-')[0], name: options.name, units: options.units, floors: options.floors, roomsPerFloor: options.roomsPerFloor },
    areaName: options.areaName,
    units,
    myHouseholdIds: options.mine,
    householdCount: count,
    residentCount: Math.round(count * 1.6),
  }
}

export const ltsc1 = buildingView({ id: 'ltsc-1', name: '1号楼', areaName: '绿庭尚城', units: 2, floors: 6, roomsPerFloor: 2, mine: ['ltsc-1-1-502'] })
export const bsw2 = buildingView({ id: 'bsw-2', name: '2号楼', areaName: '贝尚湾', units: 1, floors: 33, roomsPerFloor: 8, mine: ['bsw-2-1-2105'] })

const text = (zh: string, en: string, ko: string, ja: string) => ({ 'zh-CN': zh, en, ko, ja })

export const serviceTypes: ServiceType[] = [
  {
    id: 'knife',
    key: 'knife',
    sensitive: false,
    name: text('磨刀', 'Knife sharpening', '칼 갈기', '包丁研ぎ'),
    description: text('楼组长请来的老师傅上门磨菜刀、剪刀', 'A veteran grinder sharpens kitchen knives and scissors at the stairwell', '숙련된 장인이 부엌칼과 가위를 갈아 드립니다', '熟練の職人が包丁やはさみを研ぎます'),
    bring: text('需要磨的刀具，用报纸包好', 'Your knives, wrapped in newspaper', '갈 칼을 신문지에 싸서 가져오세요', '研ぐ刃物を新聞紙に包んでお持ちください'),
    provider: text('楼组长 · 志愿者师傅', 'Building leader and volunteer craftsman', '동 대표 · 자원봉사 장인', '棟長・ボランティアの職人'),
  },
  {
    id: 'blood-pressure',
    key: 'blood_pressure',
    sensitive: true,
    name: text('测量血压', 'Blood-pressure check', '혈압 측정', '血圧測定'),
    description: text('社区卫生服务中心医护志愿者测量血压', 'Nurses from the community health centre take your blood pressure', '지역 보건소 간호 자원봉사자가 혈압을 재 드립니다', '地域の保健センターの看護ボランティアが血圧を測ります'),
    bring: text('平时的血压记录（如有）', 'Your usual readings, if you keep them', '평소 혈압 기록(있으면)', '普段の血圧の記録（あれば）'),
    provider: text('社区卫生服务中心', 'Community health centre', '지역 보건소', '地域保健センター'),
  },
  {
    id: 'svc-tailor',
    key: null,
    sensitive: false,
    name: { 'zh-CN': '改衣服' },
    description: { 'zh-CN': '一位居民阿姨自愿帮忙改衣服' },
    bring: { 'zh-CN': '' },
    provider: { 'zh-CN': '3号楼王阿姨' },
  },
]

export const teams: Team[] = [
  {
    id: 'caring',
    key: 'caring',
    risky: false,
    leaderName: '陈老师',
    memberCount: 12,
    name: text('爱心帮扶队', 'Helping Hands', '사랑 나눔 봉사대', '助け合い隊'),
    purpose: text('探望独居老人，代买代办', 'Visit neighbours who live alone; shop and run errands for them', '홀몸 어르신을 찾아뵙고 장보기와 심부름을 돕습니다', '一人暮らしの高齢者を訪ね、買い物や用事を手伝います'),
  },
  {
    id: 'night-walk',
    key: 'night_walk',
    risky: true,
    leaderName: '刘队长',
    memberCount: 9,
    name: text('夜走队', 'Night Walkers', '야간 순찰대', '夜回り隊'),
    purpose: text('晚间巡逻，需确认已投保意外险', 'Evening patrols; accident insurance must be confirmed', '저녁 순찰, 상해보험 가입 확인 필요', '夜間の見回り。傷害保険の加入確認が必要です'),
  },
]

export { account, community, service, volunteer }

/** Puts the shared stores where a test wants them: who is signed in, the language, 长辈模式. */
export function setScene(options: { me: Me | null; failed?: boolean; error?: CloudError; locale?: Locale; elderChoice?: boolean | null }): void {
  useSession.setState({ me: options.me, loading: false, failed: options.failed ?? options.error !== undefined, error: options.error ?? null })
  useSettings.setState({ locale: options.locale ?? 'zh-CN', elderChoice: options.elderChoice ?? null, systemFontScale: 1 })
}
