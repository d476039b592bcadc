/**
 * The household actions the weapp tab pages call, in a file of their own (issue 19): a page's import brings its whole
 * module into the main package, so the actions only subpackage pages call stay in ./household.ts, which re-exports these.
 */
import * as v from 'valibot'
import { buildingResidents } from './access'
import { defineAction, idSchema } from './define'
import type { BuildingBadges } from './household'

/** The caller's building's shown households; NOT_VISIBLE (not an empty list) for anyone who may not see them. */
export const buildingBadges = defineAction<BuildingBadges>()('household', 'badges', v.object({ buildingId: idSchema }), {
  roles: buildingResidents,
  sample: (r) => ({ buildingId: r.buildingId }),
})
