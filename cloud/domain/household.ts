/**
 * 挂牌亮身份 rules, pure: who may see a building's party-member households, when a household counts as shown, what a
 * display name may say, and the limits on pledges (承诺), fulfilment entries (践诺) and their photos. Shared by the
 * `household` cloud function and the pages (which use them to answer before a round trip; the cloud checks again).
 */

// The vocabulary and field limits are part of the wire contract (cloud/contracts/household.ts), where the 楼栋 tab in
// the main package can read them without also carrying these rules (and their word lists) into it.
import { DISPLAY_NAME, INTRO_MAX, MAX_ACTIVE_PLEDGES, MAX_PHOTOS, NOTE_TEXT, PLEDGE_CATEGORIES, PLEDGE_TEXT, type PartyStatus, type PledgeCategory, type VisibleAs } from '../contracts/household'

export { DISPLAY_NAME, INTRO_MAX, MAX_ACTIVE_PLEDGES, MAX_PHOTOS, NOTE_TEXT, PLEDGE_CATEGORIES, PLEDGE_TEXT }
export type { PartyStatus, PledgeCategory, VisibleAs }

/** Photos of one fulfilment entry: after compression on the phone, each at most 2 MB, JPEG or PNG only. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const
export type PhotoType = (typeof PHOTO_TYPES)[number]
/** Long side after compression, in pixels: enough to see a cleaned stairwell, small enough for an old phone's data plan. */
export const PHOTO_MAX_SIDE = 1280

/** How far back a fulfilment may be recorded: a year, so the timeline stays a record, not a rewrite of history. */
export const FULFILMENT_MAX_AGE_DAYS = 366

// ---------------------------------------------------------------------------------------------------------------
// Visibility

/** Who is asking, as far as 亮身份 is concerned. */
export interface Viewer {
  admin: boolean
  /** Buildings the person leads (楼组长). */
  leads: { buildingId: string; areaId: string }[]
  /** Verified homes only: a pending or left residency sees nothing. */
  homes: { householdId: string; buildingId: string; areaId: string }[]
}

/**
 * Why this viewer may see the building's party-member households, or null when they may not. By default: its
 * verified residents, its building leader, community admins. An area the community widened (`areaWide`) also shows
 * them to verified residents and building leaders of every building in that residential area — never beyond it.
 */
export function visibleAs(viewer: Viewer, building: { id: string; areaId: string }, areaWide: boolean): VisibleAs | null {
  if (viewer.homes.some((home) => home.buildingId === building.id)) return 'resident'
  if (viewer.leads.some((lead) => lead.buildingId === building.id)) return 'leader'
  if (viewer.admin) return 'admin'
  if (areaWide) {
    if (viewer.homes.some((home) => home.areaId === building.areaId)) return 'area_resident'
    if (viewer.leads.some((lead) => lead.areaId === building.areaId)) return 'area_leader'
  }
  return null
}

export function isMemberOf(viewer: Viewer, householdId: string): boolean {
  return viewer.homes.some((home) => home.householdId === householdId)
}

// ---------------------------------------------------------------------------------------------------------------
// Shown or not

/**
 * A household is shown only while all of these hold, checked on every read (nothing is cached): the community
 * verified it, the household has it published, and the member who published it still consents (current policy
 * version, not withdrawn) and still lives there. Any one failing hides the badge everywhere at once.
 */
export function isShown(state: { status: PartyStatus; published: boolean; publisherConsents: boolean; publisherLivesThere: boolean }): boolean {
  return state.status === 'verified' && state.published && state.publisherConsents && state.publisherLivesThere
}

// ---------------------------------------------------------------------------------------------------------------
// Text rules: no names, no phone numbers

export type PersonalDataKind = 'phone' | 'id_number' | 'contact'

/**
 * What the checks read: the text as a reader sees it, not as it was typed. NFKC turns full-width digits and
 * punctuation ("１３８－００１３") and circled, superscript or mathematical digits into plain ones; format characters
 * (Unicode category Cf: zero-width spaces and joiners, soft hyphens, direction marks) and combining marks (a keycap or
 * variation selector after a digit) are invisible, so they are dropped; blank letters (the Hangul filler, the blank
 * Braille cell) read as a space. The text that is stored is the one the person wrote: this copy is only read.
 */
export function normaliseForCheck(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{M}]/gu, '')
    .replace(/[\u115f\u1160\u3164\uffa0\u2800]/g, ' ')
}

/**
 * Dates ("2026-11-27", "2026.11.27", "2026/11/27", "2026年11月27日") are not contact details: they are taken out before
 * long runs are counted. Only real ones (a year of this era, a month, a day, no digit glued on either side), so
 * "1380-01-38000" is not a date but a mobile number.
 */
// No lookbehind: older iOS WeChat cannot parse it, and the pages run this too.
const DATES = /(^|\D)(19[5-9]\d|20\d\d)\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})(?!\d)\s*日?/g

function withoutDates(text: string): string {
  return text.replace(DATES, (date, before: string, _year: string, month: string, day: string) =>
    Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31 ? `${before} ` : date,
  )
}

/**
 * What people put between the digits of a number they mean as one: spaces, dashes of every width, dots, slashes,
 * brackets, underscores, tildes, plus signs — alone or mixed ("(021) 5768-1234", "138/0013.8000"). After NFKC the
 * full-width forms are these. A colon is not one of them: "09:00" is a time, not the digits 0900.
 */
const JOINERS = String.raw`\s\-‐‑‒–—―−﹣~〜_+.·•・/\\|()\[\]{}<>【】〔〕〖〗「」『』《》〈〉`
/** Separators of a list ("502、601、1203"): digits across them are joined only to look for a whole phone number. */
const LIST_JOINERS = String.raw`,，、;；`

/** Chinese numerals written digit by digit, the way a number is read aloud ("一三八…", 幺 for one, 〇 and 零 for zero). */
const HAN_DIGITS: Record<string, string> = {
  〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
  壹: '1', 贰: '2', 叁: '3', 肆: '4', 伍: '5', 陆: '6', 柒: '7', 捌: '8', 玖: '9',
}
const HAN_DIGIT = new RegExp(`[${Object.keys(HAN_DIGITS).join('')}]`, 'g')

/** Runs of digits with the given separators between them, each joined into its digits alone. */
function runsOf(text: string, digit: string, joiners: string): string[] {
  const run = new RegExp(`${digit}(?:[${joiners}]*${digit})*`, 'g')
  return (text.match(run) ?? []).map((found) => found.replace(/\D/g, ''))
}

/** A whole mainland number: a mobile (with or without +86) or a landline with its area code (010-…, 021-…, 0571-…). */
function isPhoneShape(digits: string): boolean {
  return /^(?:0{0,2}86)?1[3-9]\d{9}$/.test(digits) || /^0[1-9]\d{1,2}[2-9]\d{6,7}$/.test(digits)
}

/**
 * The phone number in a text, however it is disguised, or false. Ordinary numbers stay: a room ("1203"), a building
 * ("3号楼"), a date ("12月6日", "2026/12/06"), a time ("09:00-11:30"), "每月第二个周六".
 *
 * Two readings. Arabic digits across the joiners above: any run of 7 digits or more is refused (a room number never
 * needs 7, and a landline's local part alone has 8). Then, with Chinese numerals read as digits and list separators
 * joined too, only a complete mobile or landline shape is refused: "一二三四五六七" counting or "502、601、1203" are
 * not numbers anyone can dial, "一三八〇〇一三八〇〇〇" is.
 */
function phoneIn(text: string): boolean {
  if (runsOf(withoutDates(text), '\\d', JOINERS).some((run) => run.length >= 7 && run.length !== 15 && run.length !== 18)) return true
  // The dates stay in for this reading: a number dressed as a date and a tail ("1958-1-3 80013") is still whole.
  const spoken = text.replace(HAN_DIGIT, (char) => HAN_DIGITS[char])
  return runsOf(spoken, '\\d', JOINERS + LIST_JOINERS).some(isPhoneShape)
}

/**
 * Contact details or identity numbers in text that neighbours will read. Household pages never carry a phone
 * number (mobile or landline), an ID-card number, an e-mail, a link or a WeChat/QQ id: people ask in person.
 * Mentioning WeChat is fine ("教老人用微信"); giving an id is not. Read through `normaliseForCheck`, so full-width
 * digits and invisible characters hide nothing.
 */
export function findPersonalData(raw: string): PersonalDataKind | null {
  const text = normaliseForCheck(raw)
  if (/\d{17}[Xx]/.test(text.replace(new RegExp(`[${JOINERS}]`, 'g'), ''))) return 'id_number'
  for (const run of runsOf(withoutDates(text), '\\d', JOINERS)) {
    if (run.length === 15 || run.length === 18) return 'id_number'
  }
  if (phoneIn(text)) return 'phone'
  if (/[\w.+-]+@[\w-]+\.[\w.]+/.test(text) || /https?:\/\/|www\./i.test(text)) return 'contact'
  if (/微信号|加微信|加我微信|vx号|qq号|手机号|电话号|wechat\s*id|\bvx\b|\bqq\b/i.test(text)) return 'contact'
  return null
}

/** Common surnames (the 60 most frequent, single and compound): enough to tell "王金梅" from "幸福". */
const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤朴',
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
])

/** Words after a surname that make it a form of address, not a given name: "王叔叔", "李老师". */
const ADDRESS_WORDS = ['叔叔', '阿姨', '奶奶', '爷爷', '伯伯', '婆婆', '老师', '师傅', '大爷', '大妈', '先生', '女士', '老', '伯', '姐', '哥', '婶']

/**
 * Suffixes that turn a surname into a household ("王家", "王金梅一家"). "之家" and "家庭" are left out on purpose:
 * "方圆之家" is a motto more often than a name, and the admin who verifies the household reads every name anyway.
 */
const HOUSEHOLD_SUFFIXES = ['一家', '家', '户']

const KOREAN_SURNAMES = [...'김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호좌']

function startsWithSurname(run: string): string | null {
  for (const length of [2, 1]) {
    const head = run.slice(0, length)
    if (SURNAMES.has(head)) return head
  }
  return null
}

/** A run of Han characters that reads as a person's full name: a surname, then a given name of one or two characters. */
function looksLikeFullName(run: string): boolean {
  if (run.endsWith('之家') || run.endsWith('家庭')) return false
  let core = run
  for (const suffix of HOUSEHOLD_SUFFIXES) {
    if (core.endsWith(suffix) && core.length > suffix.length) {
      core = core.slice(0, -suffix.length)
      break
    }
  }
  const surname = startsWithSurname(core)
  if (!surname) return false
  const given = core.slice(surname.length)
  // "王家" keeps a surname only; "王叔叔家" a form of address; "王金梅家" and "王金梅" a given name.
  if (given.length === 0 || ADDRESS_WORDS.includes(given)) return false
  return given.length <= 2
}

export type DisplayNameProblem = 'length' | 'phone' | 'id_number' | 'contact' | 'full_name' | 'not_household'

/**
 * A display name is chosen by the household, shown to neighbours, and says which home it is, never who lives in it:
 * "502 王家", "王家", "601 幸福之家". It must name the household (a room number or 家/户, or "family" in other
 * languages), must not be a person's full name, and carries no contact details.
 */
export function checkDisplayName(raw: string): { ok: true; value: string } | { ok: false; problem: DisplayNameProblem } {
  const value = raw.replace(/\s+/g, ' ').trim()
  // Contact details first: the person learns the real problem, not that the name with a phone number is too long.
  const personal = findPersonalData(value)
  if (personal) return { ok: false, problem: personal }
  if ([...value].length < DISPLAY_NAME.min || [...value].length > DISPLAY_NAME.max) return { ok: false, problem: 'length' }
  for (const run of value.match(/[\u4e00-\u9fff]+/g) ?? []) {
    if (looksLikeFullName(run)) return { ok: false, problem: 'full_name' }
  }
  // Korean neighbours write names in Hangul: a common surname and two syllables ("김민지") is a full name, unless it
  // ends in a word for a home or family ("이웃집", "김씨네").
  for (const run of value.match(/[\uac00-\ud7a3]+/g) ?? []) {
    if (run.length === 3 && KOREAN_SURNAMES.includes(run[0]) && !/[집네씨댁족]$/.test(run)) return { ok: false, problem: 'full_name' }
  }
  const namesHousehold = /\d{3,4}/.test(value) || /[家户]/.test(value) || /family|home|가족|네 집|家族/i.test(value)
  if (!namesHousehold) return { ok: false, problem: 'not_household' }
  return { ok: true, value }
}

/** Free text of a pledge or fulfilment note: contact details are refused (the content check runs after this). */
export function checkPublicText(text: string): PersonalDataKind | null {
  return findPersonalData(text)
}

// ---------------------------------------------------------------------------------------------------------------
// Fulfilment entries and photos

/** A fulfilment's day must be a real day, not in the future (China time), and at most a year back. */
export function fulfilmentDayProblem(day: string, today: string): 'invalid' | 'future' | 'too_old' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return 'invalid'
  const date = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return 'invalid'
  if (day > today) return 'future'
  const oldest = new Date(`${today}T00:00:00Z`)
  oldest.setUTCDate(oldest.getUTCDate() - FULFILMENT_MAX_AGE_DAYS)
  if (date < oldest) return 'too_old'
  return null
}

export type PhotoProblem = 'type' | 'size' | 'count'

/** Checked on the phone before uploading and again by the upload endpoint. */
export function photoProblem(photo: { type: string; bytes: number }, alreadyAttached: number): PhotoProblem | null {
  if (alreadyAttached >= MAX_PHOTOS) return 'count'
  if (!(PHOTO_TYPES as readonly string[]).includes(photo.type)) return 'type'
  if (photo.bytes <= 0 || photo.bytes > PHOTO_MAX_BYTES) return 'size'
  return null
}

/** The photo type from its first bytes, whatever its name or declared type claims. */
export function sniffPhotoType(head: Uint8Array): PhotoType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, index) => head[index] === byte)) return 'image/png'
  return null
}

/**
 * Where a household's photos live in cloud storage. The function accepts only file ids under this folder, so an
 * entry cannot point at someone else's files.
 */
export function photoFolder(householdId: string): string {
  return `household/${householdId}/`
}

/**
 * The whole file id, anchored: `cloud://<environment>/household/<this household>/<one file name>.jpg|png` and nothing
 * else — no query, no fragment, no second path, no `..`. A substring test let a file of flat 402's folder with
 * `?/household/ltsc-1-1-601/` appended pass as 601's (issue 20).
 */
const PHOTO_FILE_ID = /^cloud:\/\/([A-Za-z0-9][A-Za-z0-9._-]{0,127})\/household\/([A-Za-z0-9_.:-]{1,64})\/([A-Za-z0-9_-]{1,64})\.(jpg|jpeg|png)$/

export function isPhotoOf(fileId: string, householdId: string): boolean {
  const match = PHOTO_FILE_ID.exec(fileId)
  return match !== null && match[2] === householdId && !fileId.includes('..')
}

/** One thank per neighbour per entry: the id makes a second tap (or a retry) a duplicate the database refuses. */
export function thankId(entryId: string, openid: string): string {
  return `${entryId}:${openid}`
}
