// Issue 4 "fast on big buildings": the 楼栋 tab of the weapp build for 贝尚湾2号楼 (33 floors × 8 rooms, 12 shown
// party-member households), rendered by miniprogram-simulate against the local runtime. Measures rendered element
// nodes and the first render payload: the JSON of the cloud responses the page needs (community building.view +
// household badges) plus every setData until the grid and all its badges are on screen.
// The rendering runs in a child process (scripts/bench/household-probe.cjs): the weapp harness takes over globals.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10

export default async function household({ root }) {
  const probe = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench', 'household-probe.cjs')], { cwd: root, encoding: 'utf8', timeout: 120000 })
  if (probe.status !== 0) throw new Error(`household probe failed:\n${probe.stderr || probe.stdout}`)
  const result = JSON.parse(probe.stdout.trim().split('\n').pop())
  if (result.errors.length > 0) throw new Error(`the building page raised errors:\n${result.errors.join('\n')}`)
  const responses = Object.values(result.responseBytes).reduce((sum, bytes) => sum + bytes, 0)
  return {
    'building 33×8: rendered element nodes': { value: result.nodes, unit: 'nodes', budget: 'buildingNodes' },
    'building 33×8: badges on screen': { value: result.badges, unit: 'badges' },
    'building 33×8: cloud responses (view + badges)': { value: kb(responses), unit: 'KB' },
    'building 33×8: setData until rendered': { value: kb(result.setDataBytes), unit: `KB in ${result.setDataCalls} calls` },
    'building 33×8: first render payload': { value: kb(responses + result.setDataBytes), unit: 'KB', budget: 'buildingPayloadKB' },
    'building 33×8: time to grid with badges': { value: result.renderedMs, unit: 'ms' },
  }
}
