import { refuse } from './errors'

/**
 * The cloud's quotas and delays, each switched off unless asked for. The base plan (基础版) allows about 30 database
 * operations per second and about 20 concurrent instances of one function; every call is an HTTP round trip.
 */
export interface FidelityLimits {
  /** Added before every answer, as the round trip to the cloud costs (ms). 0 = none. */
  latencyMs: number
  /** Database operations per second across the environment; one more in the same second is refused (-501003). 0 = no limit. */
  databaseOpsPerSecond: number
  /** Instances of one function that may run at once; one more is refused (-501004). 0 = no limit. */
  instancesPerFunction: number
}

export const NO_LIMITS: FidelityLimits = { latencyMs: 0, databaseOpsPerSecond: 0, instancesPerFunction: 0 }

/** The base plan, for the bench and the burst run. */
export const BASE_PLAN: FidelityLimits = { latencyMs: 15, databaseOpsPerSecond: 30, instancesPerFunction: 20 }

export interface LimitCounters {
  /** Calls answered, by action (e.g. `database.getDocument`, `wx.openApi:security.msgSecCheck`). */
  calls: Record<string, number>
  databaseOps: number
  /** Database operations refused for exceeding the per-second quota. */
  throttled: number
  /** Function starts refused for exceeding the instance quota. */
  instancesRefused: number
  /** The most instances of any one function seen running at once. */
  peakInstances: Record<string, number>
  /** Time the server spent handling calls (ms, without the emulated latency). */
  serverMs: number
}

export class Limits {
  private windowStart = 0
  private windowCount = 0
  private readonly running = new Map<string, number>()
  readonly counters: LimitCounters = { calls: {}, databaseOps: 0, throttled: 0, instancesRefused: 0, peakInstances: {}, serverMs: 0 }

  constructor(public settings: FidelityLimits) {}

  count(action: string): void {
    this.counters.calls[action] = (this.counters.calls[action] ?? 0) + 1
  }

  /** Counts one database operation and refuses it when this second's quota is spent. */
  admitDatabaseOp(now = Date.now()): void {
    this.counters.databaseOps++
    const quota = this.settings.databaseOpsPerSecond
    if (quota <= 0) return
    if (now - this.windowStart >= 1000) {
      this.windowStart = now
      this.windowCount = 0
    }
    if (this.windowCount >= quota) {
      this.counters.throttled++
      throw refuse.rateLimited(quota)
    }
    this.windowCount++
  }

  /**
   * Claims an instance of a function for one call; the returned function gives it back. The embedding runtime calls
   * this around each function call (and the server around each `functions.invokeFunction`).
   */
  claimInstance(name: string): () => void {
    const running = this.running.get(name) ?? 0
    const quota = this.settings.instancesPerFunction
    if (quota > 0 && running >= quota) {
      this.counters.instancesRefused++
      throw refuse.tooManyInstances(name, quota)
    }
    this.running.set(name, running + 1)
    this.counters.peakInstances[name] = Math.max(this.counters.peakInstances[name] ?? 0, running + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      this.running.set(name, (this.running.get(name) ?? 1) - 1)
    }
  }

  async delay(): Promise<void> {
    if (this.settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.settings.latencyMs))
  }
}
