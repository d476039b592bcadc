import type * as v from 'valibot'
import { ACCESS_ROLES, FUNCTION_NAMES, type Contract, type Expected, type FunctionName, type Outcome } from '../../cloud/contracts/define'
import { contracts } from '../../cloud/contracts'
import type { Route } from '../../cloud/lib/router'

/**
 * The action table as the matrix and fuzz tests walk it: every contract listed in cloud/contracts/index.ts, checked
 * against the routes each function really serves, so an action that exists without a declaration cannot slip past.
 */
export type AnyContract = Contract<FunctionName, v.GenericSchema, unknown>

function isContract(value: unknown): value is AnyContract {
  return typeof value === 'object' && value !== null && 'fn' in value && 'action' in value && 'input' in value
}

export function allContracts(): AnyContract[] {
  return Object.values(contracts).flatMap((module) => Object.values(module).filter(isContract))
}

/** What is wrong with the declarations, as sentences; empty when every action of every function is declared. */
export function declarationProblems(): string[] {
  const problems: string[] = []
  const declared = allContracts()
  for (const contract of declared) {
    const name = `${contract.fn}.${contract.action}`
    const access = (contract as { access?: AnyContract['access'] }).access
    if (!access || typeof access !== 'object') {
      problems.push(`${name} has no access declaration`)
      continue
    }
    if (typeof access.sample !== 'function') problems.push(`${name} has no sample input (the fuzz declaration)`)
    for (const role of ACCESS_ROLES) if (access.roles?.[role] === undefined) problems.push(`${name} declares no outcome for ${role}`)
  }
  for (const fn of FUNCTION_NAMES) {
    const { routes } = require(`../../cloud/functions/${fn}`) as { routes: Route[] }
    for (const route of routes) {
      if (!declared.includes(route.contract)) problems.push(`${fn}.${route.contract.action} is served but not listed in cloud/contracts/index.ts`)
    }
    const served = new Set(routes.map((route) => route.contract))
    for (const contract of declared.filter((item) => item.fn === fn)) {
      if (!served.has(contract)) problems.push(`${fn}.${contract.action} is declared but no route serves it`)
    }
  }
  return problems
}

export function expectedFor(expected: Expected, mine: boolean): Outcome {
  return typeof expected === 'string' ? expected : mine ? expected.own : expected.other
}
