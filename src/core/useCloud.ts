import { useCallback, useEffect, useRef, useState } from 'react'
import type * as v from 'valibot'
import type { Contract, FunctionName, InputOf, OutputOf } from '@contracts/define'
import { call, CloudError } from './api'

type AnyContract = Contract<FunctionName, v.GenericSchema, unknown>

export interface CloudState<O> {
  data: O | undefined
  error: CloudError | undefined
  loading: boolean
  reload: () => Promise<void>
}

/** Server data for a page: loaded on mount and whenever the input changes; never kept in a global store. */
export function useCloud<C extends AnyContract>(contract: C, input: InputOf<C> | null): CloudState<OutputOf<C>> {
  const [data, setData] = useState<OutputOf<C>>()
  const [error, setError] = useState<CloudError>()
  const [loading, setLoading] = useState(input !== null)
  const key = input === null ? null : JSON.stringify(input)
  const latest = useRef(0)

  const reload = useCallback(async () => {
    if (key === null) return
    const ticket = ++latest.current
    setLoading(true)
    try {
      const result = await call(contract, JSON.parse(key) as InputOf<C>)
      if (ticket === latest.current) {
        setData(result)
        setError(undefined)
      }
    } catch (caught) {
      if (ticket === latest.current) setError(caught instanceof CloudError ? caught : new CloudError('INTERNAL', String(caught)))
    } finally {
      if (ticket === latest.current) setLoading(false)
    }
  }, [contract, key])

  useEffect(() => {
    void reload()
  }, [reload])

  return { data, error, loading, reload }
}
