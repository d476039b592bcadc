import { CloudBaseError, refuse } from './errors'
import type { Limits } from './limits'

/**
 * `functions.invokeFunction` (cloud.callFunction inside a function): `function_name` and `request_data` (the event as
 * JSON) in, `response_data` (the function's return value as JSON) out. The server runs no function code itself: the
 * embedding runtime registers how to run one, each call claiming an instance like any other. A handler throws
 * `refuse.functionMissing(name)` for a name it does not know.
 */
export type InvokeHandler = (name: string, event: unknown) => Promise<unknown>

export class FunctionsService {
  private handler: InvokeHandler | null = null

  constructor(private readonly limits: Limits) {}

  register(handler: InvokeHandler | null): void {
    this.handler = handler
  }

  async invoke(body: { function_name?: unknown; request_data?: unknown }): Promise<Record<string, unknown>> {
    const name = typeof body.function_name === 'string' ? body.function_name : ''
    if (!name) throw refuse.invalidParam('function_name is required')
    if (!this.handler) throw refuse.functionMissing(name)
    let event: unknown = {}
    if (typeof body.request_data === 'string' && body.request_data !== '') {
      try {
        event = JSON.parse(body.request_data)
      } catch {
        throw refuse.invalidParam('request_data is not JSON')
      }
    }
    const release = this.limits.claimInstance(name)
    let result: unknown
    try {
      result = await this.handler(name, event)
    } catch (error) {
      if (error instanceof CloudBaseError) throw error
      throw refuse.functionFailed(name, (error as Error)?.message ?? String(error))
    } finally {
      release()
    }
    return { data: { response_data: JSON.stringify(result ?? null) } }
  }
}
