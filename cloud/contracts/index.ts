import * as account from './account'
import * as admin from './admin'
import * as community from './community'
import * as household from './household'
import * as service from './service'
import * as volunteer from './volunteer'

/** Every action contract, by function: the fuzz and authorization tests walk this. */
export const contracts = { account, community, service, volunteer, household, admin }
