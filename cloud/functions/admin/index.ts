import { createFunction } from '../../lib/router'
import { buildingRoutes } from './buildings'
import { dashboardRoutes } from './dashboard'
import { exportRoutes } from './exports'
import { inboxRoutes } from './inbox'
import { peopleRoutes } from './people'

/**
 * 社区管理: the console's cloud function. Where a request enters: the action table below; which rule decides: the
 * caller's scope (scope.ts, read from their roles) inside every query; what is written: buildings, areas and import
 * records (buildings.ts), ended residencies (people.ts), and an audit entry for every change and every export.
 */
export const routes = [...inboxRoutes, ...buildingRoutes, ...peopleRoutes, ...dashboardRoutes, ...exportRoutes]

export const main = createFunction('admin', routes)
