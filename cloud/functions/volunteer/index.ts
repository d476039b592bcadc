import { createFunction } from '../../lib/router'
import { attendanceRoutes } from './attendance'
import { recordRoutes } from './records'
import { shiftRoutes } from './shifts'
import { teamRoutes } from './teams'

/**
 * 志愿服务. Where each request goes:
 * - teams.ts — teams, joining (the leader approves), leaving, members' insurance and trainings;
 * - shifts.ts — shifts (one-off or weekly), sign-up and cancellation (places and the waitlist: cloud/lib/volunteer.ts);
 * - attendance.ts — the leader's overview and roster, rotating check-in codes, check-in/out, confirming hours, 补录;
 * - records.ts — my hours, my volunteer profile, certificates and their verification, the CSV export.
 * The rules each of them applies are in cloud/domain/volunteer.ts.
 */
export const routes = [...teamRoutes, ...shiftRoutes, ...attendanceRoutes, ...recordRoutes]

export const main = createFunction('volunteer', routes)
