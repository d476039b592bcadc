/**
 * The volunteer actions the weapp tab pages call, in a file of their own (issue 19): a page's import brings its whole
 * module into the main package, so the actions only subpackage pages call stay in ./volunteer.ts, which re-exports these.
 */
import * as v from 'valibot'
import { everyone } from './access'
import { defineAction, idSchema, noInput } from './define'
import type { Team } from './model'
import type { MyHours, ShiftSummary } from './volunteer'

// Teams and their shifts are public, like the service catalogue: joining one comes after binding a home.
export const listTeams = defineAction<Team[]>()('volunteer', 'teams.list', noInput, { roles: everyone, sample: () => ({}) })
/** Upcoming shifts of one team or of all teams, soonest first. */
export const upcomingShifts = defineAction<ShiftSummary[]>()('volunteer', 'shifts.upcoming', v.object({ teamId: v.optional(idSchema) }), {
  roles: everyone,
  sample: (r) => ({ teamId: r.teamId }),
})
export const myHours = defineAction<MyHours>()('volunteer', 'my.hours', noInput, { roles: everyone, sample: () => ({}) })
