import { useCallback, useRef, useState } from 'react'
import { CloudError, isUnanswered, newRequestId } from '@/core/api'

export interface Submit {
  busy: boolean
  error: CloudError | null
  /** Runs one user intent. The request id is kept until it succeeds, so a retry after a lost answer writes once. */
  run<T>(task: (requestId: string) => Promise<T>): Promise<T | undefined>
  clear(): void
}

/** The state of one button's action: busy while it runs (the button is disabled), the error if it failed. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<CloudError | null>(null)
  const requestId = useRef<string | null>(null)

  const run = useCallback(async <T>(task: (requestId: string) => Promise<T>): Promise<T | undefined> => {
    requestId.current ??= newRequestId()
    setBusy(true)
    setError(null)
    try {
      const result = await task(requestId.current)
      requestId.current = null
      return result
    } catch (caught) {
      // A refusal is an answer: the next tap is a new intent. A network failure may have written: keep the id.
      if (!isUnanswered(caught)) requestId.current = null
      setError(caught instanceof CloudError ? caught : new CloudError('INTERNAL', String(caught)))
      return undefined
    } finally {
      setBusy(false)
    }
  }, [])

  const clear = useCallback(() => setError(null), [])
  return { busy, error, run, clear }
}
