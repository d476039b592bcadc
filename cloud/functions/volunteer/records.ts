import { randomInt } from 'node:crypto'
import * as contract from '../../contracts/volunteer'
import { AppError } from '../../contracts/envelope'
import type { Certificate, HoursEntry, LanguageSkill, MyHours } from '../../contracts/volunteer'
import { CERT_ALPHABET, hoursCsv, normaliseCertCode, type ExportRow } from '../../domain/volunteer'
import { audit } from '../../lib/audit'
import { findUser, requireAdmin, requireConsent } from '../../lib/auth'
import { C } from '../../lib/collections'
import { checkText, refusePersonalData } from '../../lib/content'
import { findAll, findById, findByIds, iso } from '../../lib/docs'
import { handle, type Ctx } from '../../lib/router'
import type { CertificateDoc, HoursDoc, ProfileDoc, ShiftDoc, SignupDoc } from '../../lib/volunteer'
import { ISSUER, nameOf, namesOf, teamNames, toMySignup, toShiftSummary } from './common'
import { isDuplicateKey } from '../../lib/transaction'

interface TeamTotal {
  _id: string
  minutes: number
  shifts: number
}

/** Per-team totals by the database (aggregate), never by adding up rows that a query limit could cut short. */
async function totalsByTeam(ctx: Ctx, openid: string, status: 'confirmed' | 'recorded'): Promise<TeamTotal[]> {
  const $ = ctx.db.command.aggregate
  const { list } = await ctx.db
    .collection(C.volunteerHours)
    .aggregate()
    .match({ openid, status })
    .group({ _id: '$teamId', minutes: $.sum('$minutes'), shifts: $.sum(1) })
    .limit(100)
    .end()
  return list as unknown as TeamTotal[]
}

function newCertCode(): string {
  let code = ''
  for (let i = 0; i < 10; i++) code += CERT_ALPHABET[randomInt(CERT_ALPHABET.length)]
  return normaliseCertCode(code)
}

async function toCertificate(ctx: Ctx, doc: CertificateDoc): Promise<Certificate> {
  const names = teamNames(ctx)
  const perTeam = []
  for (const team of doc.perTeam) perTeam.push({ teamName: await names(team.teamId), minutes: team.minutes, shifts: team.shifts, work: team.work })
  const manual = []
  for (const entry of doc.manual ?? []) manual.push({ day: entry.day, teamName: await names(entry.teamId), minutes: entry.minutes, reason: entry.reason, addedBy: entry.addedBy })
  return { code: doc._id, name: doc.name, totalMinutes: doc.totalMinutes, perTeam, firstDay: doc.firstDay, lastDay: doc.lastDay, issuer: doc.issuer, issuedAt: iso(doc.issuedAt), holderDeleted: doc.holderDeleted, manual }
}

/** The history shows the latest entries; the totals above it come from the database and cover everything. */
const HISTORY_LIMIT = 200

export const recordRoutes = [
  handle(contract.myHours, async (_input, ctx) => {
    const names = teamNames(ctx)
    const confirmed = await totalsByTeam(ctx, ctx.openid, 'confirmed')
    const recorded = await totalsByTeam(ctx, ctx.openid, 'recorded')
    const byTeam = new Map<string, { minutes: number; shifts: number }>()
    for (const row of [...confirmed, ...recorded]) {
      const current = byTeam.get(row._id) ?? { minutes: 0, shifts: 0 }
      byTeam.set(row._id, { minutes: current.minutes + row.minutes, shifts: current.shifts + row.shifts })
    }
    const perTeam = []
    for (const [teamId, total] of byTeam) perTeam.push({ teamId, teamName: await names(teamId), ...total })
    perTeam.sort((a, b) => b.minutes - a.minutes)

    const { data: recent } = await ctx.db.collection(C.volunteerHours).where({ openid: ctx.openid }).orderBy('startAt', 'desc').limit(HISTORY_LIMIT).get()
    const history: HoursEntry[] = []
    for (const doc of recent as unknown as HoursDoc[]) {
      history.push({ shiftId: doc.shiftId, teamId: doc.teamId, teamName: await names(doc.teamId), title: doc.title, place: doc.place, day: doc.day, startAt: iso(doc.startAt), endAt: iso(doc.endAt), minutes: doc.minutes, status: doc.status, source: doc.source })
    }

    const _ = ctx.db.command
    const held = await findAll<SignupDoc>(ctx, C.signups, { openid: ctx.openid, status: _.in(['confirmed', 'waitlisted']), endAt: _.gt(ctx.now) })
    const upcoming: MyHours['upcoming'] = []
    const shifts = await findByIds<ShiftDoc>(ctx, C.shifts, held.map((signup) => signup.shiftId))
    for (const signup of held.sort((a, b) => +new Date(a.startAt) - +new Date(b.startAt))) {
      const shift = shifts.get(signup.shiftId)
      if (!shift) continue
      upcoming.push({ ...toShiftSummary(shift, await names(shift.teamId), ctx.now), mine: toMySignup(signup, shift, null) })
    }
    const profile = await findById<ProfileDoc>(ctx, C.volunteerProfiles, ctx.openid)
    const sum = (rows: TeamTotal[]) => rows.reduce((total, row) => total + row.minutes, 0)
    return {
      name: await nameOf(ctx, ctx.openid),
      confirmedMinutes: sum(confirmed),
      totalMinutes: sum(confirmed) + sum(recorded),
      perTeam,
      history,
      upcoming,
      languages: (profile?.languages ?? []) as LanguageSkill[],
    }
  }),

  handle(contract.updateProfile, async (input, ctx) => {
    await requireConsent(ctx, 'app')
    // The name stands on rosters, certificates and the hours export.
    if (input.name !== undefined) refusePersonalData(input.name, 'name', '姓名')
    // Content after the free check: a name refused for a phone number costs no paid call.
    if (input.name !== undefined) await checkText(ctx, input.name, 'name')
    const existing = await findById<ProfileDoc>(ctx, C.volunteerProfiles, ctx.openid)
    const doc: Omit<ProfileDoc, '_id'> = {
      openid: ctx.openid,
      name: input.name ?? existing?.name ?? '',
      languages: input.languages ? [...new Set(input.languages)] : (existing?.languages ?? []),
      updatedAt: ctx.now,
    }
    await ctx.db.collection(C.volunteerProfiles).doc(ctx.openid).set({ data: doc })
    return { name: doc.name || ((await findUser(ctx))?.nickname ?? ''), languages: doc.languages as LanguageSkill[] }
  }),

  handle(contract.issueCertificate, async (_input, ctx) => {
    await requireConsent(ctx, 'app')
    const totals = await totalsByTeam(ctx, ctx.openid, 'confirmed')
    const totalMinutes = totals.reduce((total, row) => total + row.minutes, 0)
    if (totalMinutes === 0) throw new AppError('CONFLICT', '还没有经队长确认的志愿时长，暂时不能开具证明', 'no_hours')
    // What was done: the shifts behind the hours, most frequent first, a few per team.
    const rows = await findAll<HoursDoc>(ctx, C.volunteerHours, { openid: ctx.openid, status: 'confirmed' })
    const days = rows.map((row) => row.day).sort()
    const perTeam = totals
      .sort((a, b) => b.minutes - a.minutes)
      .map((total) => {
        const counts = new Map<string, number>()
        for (const row of rows) if (row.teamId === total._id) counts.set(row.title, (counts.get(row.title) ?? 0) + 1)
        const work = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([title]) => title)
        return { teamId: total._id, minutes: total.minutes, shifts: total.shifts, work }
      })
    const name = await nameOf(ctx, ctx.openid)
    // Hours added by hand are named on the record with who added them and why: a certificate says how it was made.
    const added = rows.filter((row) => row.source === 'manual').sort((a, b) => a.day.localeCompare(b.day))
    const { names: adders } = await namesOf(ctx, added.map((row) => row.recordedBy))
    const manual = added.map((row) => ({ day: row.day, teamId: row.teamId, minutes: row.minutes, reason: row.reason ?? '', addedBy: adders.get(row.recordedBy) ?? '' }))
    for (let tries = 0; tries < 5; tries++) {
      const doc: CertificateDoc = { _id: newCertCode(), openid: ctx.openid, name, totalMinutes, perTeam, firstDay: days[0] ?? '', lastDay: days[days.length - 1] ?? '', issuer: ISSUER, issuedAt: ctx.now, holderDeleted: false, manual }
      try {
        await ctx.db.collection(C.certificates).add({ data: doc })
      } catch (error) {
        if (isDuplicateKey(error)) continue
        throw error
      }
      return toCertificate(ctx, doc)
    }
    throw new AppError('INTERNAL', '生成核验码失败，请重试')
  }),

  handle(contract.verifyCertificate, async (input, ctx) => {
    await requireAdmin(ctx)
    const code = normaliseCertCode(input.code)
    const doc = await findById<CertificateDoc>(ctx, C.certificates, code)
    await audit(ctx, { action: 'certificate.verify', target: code, before: null, after: { found: Boolean(doc) } })
    if (!doc) throw new AppError('NOT_FOUND', '没有这个核验码，证明可能不是本站出具的', 'code')
    return toCertificate(ctx, doc)
  }),

  handle(contract.exportHours, async (input, ctx) => {
    await requireAdmin(ctx)
    if (input.from > input.to) throw new AppError('INVALID_INPUT', '开始日期不能晚于结束日期', 'from')
    const _ = ctx.db.command
    const docs = await findAll<HoursDoc>(ctx, C.volunteerHours, { status: 'confirmed', day: _.gte(input.from).and(_.lte(input.to)) })
    const names = teamNames(ctx)
    const { names: people } = await namesOf(ctx, docs.filter((doc) => !doc.openid.startsWith('deleted-')).map((doc) => doc.openid))
    const rows: ExportRow[] = []
    for (const doc of docs.sort((a, b) => +new Date(a.startAt) - +new Date(b.startAt))) {
      if (doc.minutes <= 0) continue
      const team = await names(doc.teamId)
      rows.push({ name: doc.openid.startsWith('deleted-') ? '（已注销）' : (people.get(doc.openid) ?? '邻居'), day: doc.day, startAt: +new Date(doc.startAt), endAt: +new Date(doc.endAt), minutes: doc.minutes, project: doc.title, team: team['zh-CN'], place: doc.place })
    }
    await audit(ctx, { action: 'hours.export', target: 'volunteer_hours', before: null, after: { from: input.from, to: input.to, rows: rows.length } })
    return { csv: hoursCsv(rows, ISSUER), rows: rows.length, fileName: `志愿时长_${input.from}_${input.to}.csv` }
  }),
]
