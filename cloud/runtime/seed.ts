import { POLICY_VERSIONS, type ConsentPurpose, type LocalizedText, type Role } from '../contracts/model'
import { C } from '../lib/collections'
import { consentId, residencyId, roleId } from '../lib/auth'
import { householdCount, householdId } from '../lib/structure'
import type { Database } from '../types/database'
import { seedHousehold } from './seed-household'
import { seedService } from './seed-service'
import { joinedAt } from './seed-time'
import { seedVolunteer } from './seed-volunteer'

/**
 * The demo community: a sub-district with the seed article's three residential areas (绿庭尚城, 朗庭, 贝尚湾),
 * fictional people in every role, with stable OPENIDs (documented in README.md). Names are invented; nicknames only.
 */
export interface DemoUser {
  openid: string
  name: string
  description: string
  locale: 'zh-CN' | 'en' | 'ko' | 'ja' | null
  consents: ConsentPurpose[]
  home?: { buildingId: string; unit: number; room: string }
  roles: { role: Role; scope: string }[]
}

export const AREAS = [
  { _id: 'ltsc', name: '绿庭尚城', order: 1 },
  { _id: 'lt', name: '朗庭', order: 2 },
  { _id: 'bsw', name: '贝尚湾', order: 3 },
]

export const BUILDINGS = [
  { _id: 'ltsc-1', areaId: 'ltsc', name: '1号楼', units: 2, floors: 6, roomsPerFloor: 2, order: 1 },
  { _id: 'ltsc-2', areaId: 'ltsc', name: '2号楼', units: 2, floors: 6, roomsPerFloor: 2, order: 2 },
  { _id: 'ltsc-3', areaId: 'ltsc', name: '3号楼', units: 1, floors: 11, roomsPerFloor: 4, order: 3 },
  { _id: 'lt-1', areaId: 'lt', name: '1号楼', units: 3, floors: 6, roomsPerFloor: 2, order: 1 },
  { _id: 'lt-3', areaId: 'lt', name: '3号楼', units: 2, floors: 18, roomsPerFloor: 4, order: 2 },
  { _id: 'bsw-2', areaId: 'bsw', name: '2号楼', units: 1, floors: 33, roomsPerFloor: 8, order: 1 },
  { _id: 'bsw-5', areaId: 'bsw', name: '5号楼', units: 2, floors: 11, roomsPerFloor: 3, order: 2 },
]

export const DEMO_USERS: DemoUser[] = [
  { openid: 'demo-resident', name: '李阿姨', description: '居民 · 绿庭尚城1号楼1单元502', locale: null, consents: ['app', 'health'], home: { buildingId: 'ltsc-1', unit: 1, room: '502' }, roles: [] },
  { openid: 'demo-party', name: '王叔叔', description: '党员家庭 · 绿庭尚城1号楼1单元601', locale: null, consents: ['app', 'publish_household'], home: { buildingId: 'ltsc-1', unit: 1, room: '601' }, roles: [] },
  { openid: 'demo-volunteer', name: '小陈', description: '志愿者 · 朗庭3号楼2单元1203', locale: null, consents: ['app'], home: { buildingId: 'lt-3', unit: 2, room: '1203' }, roles: [] },
  { openid: 'demo-leader', name: '张老师', description: '楼组长 · 绿庭尚城1号楼', locale: null, consents: ['app'], home: { buildingId: 'ltsc-1', unit: 1, room: '301' }, roles: [{ role: 'building_leader', scope: 'ltsc-1' }] },
  { openid: 'demo-teamlead', name: '刘队长', description: '夜走队队长 · 朗庭1号楼', locale: null, consents: ['app'], home: { buildingId: 'lt-1', unit: 2, room: '401' }, roles: [{ role: 'team_leader', scope: 'night-walk' }] },
  { openid: 'demo-admin', name: '周书记', description: '社区管理员（党总支）', locale: null, consents: ['app'], roles: [{ role: 'admin', scope: 'community' }] },
  { openid: 'demo-korean', name: '김민지', description: '居民 · 贝尚湾2号楼 2105（韩语）', locale: 'ko', consents: ['app'], home: { buildingId: 'bsw-2', unit: 1, room: '2105' }, roles: [] },
  { openid: 'demo-newcomer', name: '新邻居', description: '第一次打开，尚未同意隐私说明', locale: null, consents: [], roles: [] },
]

const t = (zh: string, en: string, ko: string, ja: string): LocalizedText => ({ 'zh-CN': zh, en, ko, ja })

export const SERVICE_TYPES = [
  {
    _id: 'knife', key: 'knife', order: 1, sensitive: false, retired: false,
    name: t('磨刀', 'Knife sharpening', '칼 갈기', '包丁研ぎ'),
    description: t('楼组长请来的老师傅上门磨菜刀、剪刀', 'A veteran grinder sharpens kitchen knives and scissors at the stairwell', '숙련된 장인이 부엌칼과 가위를 갈아 드립니다', '熟練の職人が包丁やはさみを研ぎます'),
    bring: t('需要磨的刀具，用报纸包好', 'Your knives, wrapped in newspaper', '갈 칼을 신문지에 싸서 가져오세요', '研ぐ刃物を新聞紙に包んでお持ちください'),
    provider: t('楼组长 · 志愿者师傅', 'Building leader and volunteer craftsman', '동 대표 · 자원봉사 장인', '棟長・ボランティアの職人'),
  },
  {
    _id: 'mending', key: 'mending', order: 2, sensitive: false, retired: false,
    name: t('缝补', 'Mending', '옷 수선', '衣類のお直し'),
    description: t('钉纽扣、缝裤脚、补衣服', 'Buttons, hems and small repairs to clothes', '단추 달기, 바짓단 줄이기, 옷 수선', 'ボタン付け、裾上げ、ほつれ直し'),
    bring: t('需要缝补的衣物', 'The clothes to mend', '수선할 옷', 'お直しする衣類'),
    provider: t('巧手阿姨志愿队', 'Volunteer seamstresses', '솜씨 좋은 자원봉사자', '手芸ボランティアの皆さん'),
  },
  {
    _id: 'blood-pressure', key: 'blood_pressure', order: 3, sensitive: true, retired: false,
    name: t('测量血压', 'Blood-pressure check', '혈압 측정', '血圧測定'),
    description: t('社区卫生服务中心医护志愿者测量血压', 'Nurses from the community health centre take your blood pressure', '지역 보건소 간호 자원봉사자가 혈압을 재 드립니다', '地域の保健センターの看護ボランティアが血圧を測ります'),
    bring: t('平时的血压记录（如有）', 'Your usual readings, if you keep them', '평소 혈압 기록(있으면)', '普段の血圧の記録（あれば）'),
    provider: t('社区卫生服务中心', 'Community health centre', '지역 보건소', '地域保健センター'),
  },
  {
    _id: 'haircut', key: 'haircut', order: 4, sensitive: false, retired: false,
    name: t('理发', 'Haircut', '이발', '散髪'),
    description: t('为行动不便的老人理发', 'Haircuts for neighbours who find it hard to get out', '거동이 불편한 어르신 이발', '外出が難しい方のための散髪'),
    bring: t('一条毛巾', 'A towel', '수건 한 장', 'タオル1枚'),
    provider: t('爱心理发志愿者', 'Volunteer barbers', '자원봉사 이발사', 'ボランティアの理容師'),
  },
  {
    _id: 'appliance', key: 'appliance', order: 5, sensitive: false, retired: false,
    name: t('小家电维修', 'Small appliance repair', '소형 가전 수리', '小型家電の修理'),
    description: t('电饭煲、电风扇、台灯等小家电检修', 'Rice cookers, fans, lamps and other small appliances', '밥솥, 선풍기, 스탠드 등 소형 가전 점검', '炊飯器、扇風機、電気スタンドなどの点検修理'),
    bring: t('需要维修的电器和说明书', 'The appliance and its manual', '고장 난 가전과 설명서', '修理する家電と説明書'),
    provider: t('退休电工志愿者', 'Retired electricians', '은퇴한 전기 기술자 자원봉사자', '退職した電気技師のボランティア'),
  },
]

export const TEAMS = [
  { _id: 'caring', key: 'caring', order: 1, risky: false, leaderName: '陈老师', memberCount: 12, name: t('爱心帮扶队', 'Helping Hands', '사랑 나눔 봉사대', '助け合い隊'), purpose: t('探望独居老人，代买代办', 'Visit neighbours who live alone; shop and run errands for them', '홀몸 어르신을 찾아뵙고 장보기와 심부름을 돕습니다', '一人暮らしの高齢者を訪ね、買い物や用事を手伝います') },
  { _id: 'clean-up', key: 'clean_up', order: 2, risky: false, leaderName: '黄阿姨', memberCount: 18, name: t('环境整治队', 'Clean Neighbourhood', '환경 정비대', '環境美化隊'), purpose: t('清理楼道堆物，美化小区环境', 'Clear stairwells and keep the estate tidy', '계단 적치물을 치우고 단지를 가꿉니다', '階段の私物を片付け、団地をきれいに保ちます') },
  { _id: 'patrol', key: 'patrol', order: 3, risky: false, leaderName: '赵师傅', memberCount: 15, name: t('平安巡逻队', 'Safety Patrol', '안전 순찰대', '防犯パトロール隊'), purpose: t('白天巡查消防通道和电动车充电', 'Daytime checks of fire lanes and e-bike charging', '낮 시간 소방 통로와 전동 자전거 충전 점검', '日中の消防通路と電動自転車の充電の点検') },
  { _id: 'night-walk', key: 'night_walk', order: 4, risky: true, leaderName: '刘队长', memberCount: 9, name: t('夜走队', 'Night Walkers', '야간 순찰대', '夜回り隊'), purpose: t('晚间巡逻，需确认已投保意外险', 'Evening patrols; accident insurance must be confirmed', '저녁 순찰, 상해보험 가입 확인 필요', '夜間の見回り。傷害保険の加入確認が必要です') },
  { _id: 'red-vest', key: 'red_vest', order: 5, risky: false, leaderName: '孙阿姨', memberCount: 20, name: t('红马甲门岗队', 'Red Vest Gate Duty', '빨간 조끼 출입 안내대', '赤ベスト門番隊'), purpose: t('在小区门口值守，帮助访客和老人', 'Staff the gates and help visitors and older neighbours', '단지 입구를 지키며 방문객과 어르신을 돕습니다', '団地の門に立ち、来訪者や高齢者を手伝います') },
  { _id: 'languages', key: 'languages', order: 6, risky: false, leaderName: '朴老师', memberCount: 7, name: t('外语志愿服务队', 'Language Volunteers', '외국어 자원봉사대', '外国語ボランティア隊'), purpose: t('把社区通知翻译成韩语、日语、英语，帮助外籍居民', 'Translate notices into Korean, Japanese and English and help foreign neighbours', '공지를 한국어·일본어·영어로 번역하고 외국인 주민을 돕습니다', 'お知らせを韓国語・日本語・英語に訳し、外国人住民を手伝います') },
]

/** Writes the demo community into an empty database. */
export async function seedDemo(db: Database, now = new Date()): Promise<void> {
  for (const area of AREAS) await db.collection(C.areas).add({ data: area })
  // Each building carries its household count, as the admin function writes it, so dashboards can sum it in the database.
  for (const building of BUILDINGS) await db.collection(C.buildings).add({ data: { ...building, households: householdCount(building) } })
  for (const service of SERVICE_TYPES) await db.collection(C.services).add({ data: service })
  for (const team of TEAMS) await db.collection(C.teams).add({ data: team })
  const joined = joinedAt(now)
  for (const user of DEMO_USERS) {
    if (user.consents.length > 0) {
      await db.collection(C.users).add({ data: { _id: user.openid, nickname: user.name, avatarUrl: '', locale: user.locale, elderMode: false, createdAt: joined } })
    }
    for (const purpose of user.consents) {
      const entry = { granted: true, version: POLICY_VERSIONS[purpose], at: joined }
      await db.collection(C.consents).add({ data: { _id: consentId(user.openid, purpose), openid: user.openid, purpose, ...entry, history: [entry] } })
    }
    if (user.home) {
      const building = BUILDINGS.find((item) => item._id === user.home?.buildingId)
      const household = householdId(user.home.buildingId, user.home.unit, user.home.room)
      await db.collection(C.residencies).add({
        data: { _id: residencyId(user.openid, household), openid: user.openid, householdId: household, buildingId: user.home.buildingId, areaId: building?.areaId ?? '', status: 'verified', via: 'seed', requestedAt: joined, decidedAt: joined, decidedBy: 'seed' },
      })
    }
    for (const { role, scope } of user.roles) {
      await db.collection(C.roles).add({ data: { _id: roleId(user.openid, role, scope), openid: user.openid, role, scope, grantedBy: 'seed', grantedAt: joined } })
    }
  }
  await seedHousehold(db, now)
  await seedService(db, now)
  await seedVolunteer(db, now)
}
