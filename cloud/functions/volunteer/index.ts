import * as contract from '../../contracts/volunteer'
import type { Team } from '../../contracts/model'
import { C } from '../../lib/collections'
import { findAll } from '../../lib/docs'
import { createFunction, handle } from '../../lib/router'

interface TeamDoc extends Omit<Team, 'id' | 'leaderName'> {
  _id: string
  order: number
  leaderName: string
}

export const routes = [
  // The team list is public, like the catalogue: joining one comes after binding a home.
  handle(contract.listTeams, async (_input, ctx) => {
    const docs = await findAll<TeamDoc>(ctx, C.teams, {})
    return docs
      .sort((a, b) => a.order - b.order)
      .map(({ _id, key, name, purpose, leaderName, memberCount, risky }) => ({ id: _id, key, name, purpose, leaderName, memberCount, risky }))
  }),
]

export const main = createFunction('volunteer', routes)
