import { crowdSuite } from './crowd'

// The opening bursts on the base plan (30 database operations a second, 20 instances a function): see ./crowd.ts.
crowdSuite('base-plan')
