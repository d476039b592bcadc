import type { Ctx } from './router'

/** Reads one document by id, or null. (`doc().get()` throws on a missing document in the cloud SDK.) */
export async function findById<T>(ctx: Ctx, collection: string, id: string): Promise<T | null> {
  const { data } = await ctx.db.collection(collection).where({ _id: id }).limit(1).get()
  return (data[0] as T | undefined) ?? null
}

/**
 * Reads every matching document, a page of 1,000 at a time: the cloud returns at most 1,000 per query,
 * so anything that must see all rows pages explicitly instead of being cut silently.
 */
export async function findAll<T>(ctx: Ctx, collection: string, where: Record<string, unknown>, max = 20000): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; skip < max; skip += 1000) {
    const { data } = await ctx.db.collection(collection).where(where).skip(skip).limit(1000).get()
    out.push(...(data as T[]))
    if (data.length < 1000) break
  }
  return out
}

export const iso = (date: Date | string | undefined | null): string => (date ? new Date(date).toISOString() : '')

/** How many ids one `_.in` query carries: the cloud answers at most 100 documents to a query without a larger limit. */
const IDS_PER_QUERY = 100

/**
 * Reads the documents with these ids, one query per 100 ids, as a map by id: a page of rows that each name a person
 * reads the people once, not once per row. Ids that exist nowhere are simply absent from the map.
 */
export async function findByIds<T extends { _id: string }>(ctx: Ctx, collection: string, ids: Iterable<string>): Promise<Map<string, T>> {
  const unique = [...new Set(ids)]
  const out = new Map<string, T>()
  for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
    const chunk = unique.slice(start, start + IDS_PER_QUERY)
    const { data } = await ctx.db.collection(collection).where({ _id: ctx.db.command.in(chunk) }).limit(IDS_PER_QUERY).get()
    for (const doc of data as unknown as T[]) out.set(doc._id, doc)
  }
  return out
}
