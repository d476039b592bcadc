/**
 * The community actions the weapp tab pages call, in a file of their own (issue 19): a page's import brings its whole
 * module into the main package, so the actions only subpackage pages call stay in ./community.ts, which re-exports these.
 */
import * as v from 'valibot'
import { buildingResidents, everyone } from './access'
import { defineAction, idSchema, noInput } from './define'
import type { BuildingView, PendingResidency } from './model'

export const viewBuilding = defineAction<BuildingView>()('community', 'building.view', v.object({ buildingId: idSchema }), {
  roles: buildingResidents,
  sample: (r) => ({ buildingId: r.buildingId }),
})
/**
 * Requests to join the caller's own verified homes (with a code, or asking a leader), which the caller as an existing
 * member may approve or refuse with residency.decide. Empty for anyone without a verified home.
 */
export const householdRequests = defineAction<PendingResidency[]>()('community', 'residency.requests', noInput, { roles: everyone, sample: () => ({}) })
