/**
 * The service actions the weapp tab pages call, in a file of their own (issue 19): a page's import brings its whole
 * module into the main package, so the actions only subpackage pages call stay in ./service.ts, which re-exports these.
 */
import * as v from 'valibot'
import { everyone } from './access'
import { defineAction, idSchema, noInput } from './define'
import type { ServiceType } from './model'
import type { SessionSummary } from './service'

export const listServiceTypes = defineAction<ServiceType[]>()('service', 'types.list', noInput, { roles: everyone, sample: () => ({}) })
export const upcomingSessions = defineAction<SessionSummary[]>()(
  'service',
  'sessions.upcoming',
  v.optional(v.object({ days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60)), 28), typeId: v.optional(idSchema) }), {}),
  { roles: everyone, sample: () => ({ days: 7 }) },
)
