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
