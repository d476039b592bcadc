import { crowdSuite } from './crowd'

// The opening bursts with the database quota off: see ./crowd.ts.
crowdSuite('no-ops-quota')
