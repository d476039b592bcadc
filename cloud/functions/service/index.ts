import * as contract from '../../contracts/service'
import type { ServiceType } from '../../contracts/model'
import { C } from '../../lib/collections'
import { findAll } from '../../lib/docs'
import { createFunction, handle } from '../../lib/router'

interface ServiceTypeDoc extends Omit<ServiceType, 'id'> {
  _id: string
  order: number
  retired: boolean
}

export const routes = [
  // The catalogue is public: a visitor sees what the community offers before binding a home.
  handle(contract.listServiceTypes, async (_input, ctx) => {
    const docs = await findAll<ServiceTypeDoc>(ctx, C.services, { retired: false })
    return docs
      .sort((a, b) => a.order - b.order)
      .map(({ _id, key, name, description, bring, provider, sensitive }) => ({ id: _id, key, name, description, bring, provider, sensitive }))
  }),
]

export const main = createFunction('service', routes)
