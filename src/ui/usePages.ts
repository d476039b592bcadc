import { useCallback, useEffect, useRef, useState } from 'react'
import type * as v from 'valibot'
import type { Contract, FunctionName, InputOf, OutputOf } from '@contracts/define'
import type { Page } from '@contracts/model'
import { call, CloudError } from '@/core/api'

type PagedContract = Contract<FunctionName, v.GenericSchema, Page<unknown>>
type ItemOf<C extends PagedContract> = OutputOf<C> extends Page<infer T> ? T : never

export interface Pages<T> {
  items: T[] | undefined
  /** More pages exist: the list offers "load more" (never a silent end at a query limit). */
  hasMore: boolean
  loading: boolean
  error: CloudError | undefined
  /** Starts again from the first page (after a filter changes, or a decision changed the list). */
  reload: () => Promise<void>
  more: () => Promise<void>
}

/**
 * A list the server answers in pages (`{ items, next }`): the first page on mount and when the input changes, the
 * next one on request. Answers to superseded requests are dropped, so a quick change of filter shows the right list.
 */
export function usePages<C extends PagedContract>(contract: C, input: InputOf<C> | null): Pages<ItemOf<C>> {
  const [items, setItems] = useState<ItemOf<C>[]>()
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(input !== null)
  const [error, setError] = useState<CloudError>()
  const key = input === null ? null : JSON.stringify(input)
  const ticket = useRef(0)

  const load = useCallback(
    async (cursor: string | null) => {
      if (key === null) return
      const mine = ++ticket.current
      setLoading(true)
      try {
        const base = JSON.parse(key) as Record<string, unknown>
        const page = (await call(contract, (cursor ? { ...base, cursor } : base) as InputOf<C>)) as Page<ItemOf<C>>
        if (mine !== ticket.current) return
        setItems((previous) => (cursor && previous ? [...previous, ...page.items] : page.items))
        setNext(page.next)
        setError(undefined)
      } catch (caught) {
        if (mine === ticket.current) setError(caught instanceof CloudError ? caught : new CloudError('INTERNAL', String(caught)))
      } finally {
        if (mine === ticket.current) setLoading(false)
      }
    },
    [contract, key],
  )

  useEffect(() => {
    setItems(undefined)
    setNext(null)
    void load(null)
  }, [load])

  return {
    items,
    hasMore: next !== null,
    loading,
    error,
    reload: useCallback(() => load(null), [load]),
    more: useCallback(() => (next ? load(next) : Promise.resolve()), [load, next]),
  }
}
