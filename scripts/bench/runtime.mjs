// Local runtime round trip for one read action (community areas.list) at 1 and at 50 concurrent clients:
// latency p50/p99 and throughput, over HTTP on 127.0.0.1, as the H5 app calls it.
import { startRuntime } from '../../tests/e2e/harness.mjs'

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** Fires `total` calls from `clients` concurrent loops; returns latencies (ms) and throughput (calls/s). */
export async function load(call, { clients, total }) {
  const latencies = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < total) {
        const index = next++
        const t0 = performance.now()
        const result = await call(client, index)
        latencies.push(performance.now() - t0)
        if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return { p50: Math.round(percentile(latencies, 50) * 10) / 10, p99: Math.round(percentile(latencies, 99) * 10) / 10, throughput: Math.round(total / seconds) }
}

export default async function runtime() {
  const rt = await startRuntime()
  try {
    const read = () => rt.call('demo-resident', 'community', 'areas.list', {})
    await load(read, { clients: 4, total: 200 })
    const one = await load(read, { clients: 1, total: 500 })
    const fifty = await load(read, { clients: 50, total: 3000 })
    return {
      'read p50, 1 client': { value: one.p50, unit: 'ms' },
      'read p99, 1 client': { value: one.p99, unit: 'ms' },
      'read throughput, 1 client': { value: one.throughput, unit: 'calls/s' },
      'read p50, 50 clients': { value: fifty.p50, unit: 'ms' },
      'read p99, 50 clients': { value: fifty.p99, unit: 'ms', budget: 'readP99Ms50' },
      'read throughput, 50 clients': { value: fifty.throughput, unit: 'calls/s' },
    }
  } finally {
    await rt.stop()
  }
}
