'use strict'
/**
 * Child process of scripts/bench/household.mjs (the weapp harness takes over a process's globals, so it gets its own):
 * renders the 楼栋 tab of the compiled weapp (dist/) for demo-korean, who lives in 贝尚湾2号楼 (33 floors × 8 rooms, 12
 * shown party-member households in the seed), through miniprogram-simulate against the local runtime, and prints
 * one JSON line: rendered element nodes, the JSON size of the cloud responses the page needed (building.view and
 * household badges), and the setData payload Taro sent until the grid with every badge was on screen.
 */
const path = require('node:path')
const { startRuntime, launchApp, waitFor, elementCount } = require('../../tests/weapp/harness.cjs')

const root = path.resolve(__dirname, '..', '..')
const dist = path.resolve(process.env.WEAPP_DIST || path.join(root, 'dist'))
const OPENID = 'demo-korean'
const EXPECTED_BADGES = 12
/** The badge's word in each language (src/features/household/badgeMessages.ts). */
const BADGE_WORDS = new Set(['党员户', 'Party', '당원 가정', '党員家庭'])

async function main() {
  const runtime = await startRuntime(root)
  try {
    const world = await launchApp({ dist, runtimeUrl: runtime.url, openid: OPENID })
    // Every setData the page makes, by the UTF-8 size of its JSON (what crosses from the logic to the view layer).
    const setDataBytes = []
    const definePage = global.Page
    global.Page = (options) => {
      const onLoad = options.onLoad
      options.onLoad = function wrappedOnLoad(...args) {
        const setData = this.setData
        this.setData = function measuredSetData(data, callback) {
          setDataBytes.push(Buffer.byteLength(JSON.stringify(data)))
          return setData.call(this, data, callback)
        }
        return onLoad.apply(this, args)
      }
      return definePage(options)
    }

    const started = Date.now()
    const view = await world.renderPage('pages/building/index')
    // Taro's class names do not reach simulate's DOM as classes: count the badge's word, in whatever language is on.
    const badgesOnScreen = () => [...view.page.dom.querySelectorAll('*')].filter((el) => el.children.length === 0 && BADGE_WORDS.has(el.textContent.trim())).length
    await waitFor(() => view.text().includes('3301') && badgesOnScreen() === EXPECTED_BADGES, {
      timeout: 15000,
      what: `the 33-floor grid with ${EXPECTED_BADGES} badges`,
      describe: () => `${badgesOnScreen()} badges; text ${JSON.stringify(view.text().slice(0, 300))}`,
    })
    const renderedMs = Date.now() - started
    // Let a late re-render (the locale arriving with the session) finish before counting.
    let last = -1
    await waitFor(() => {
      const now = setDataBytes.length
      const stable = now === last
      last = now
      return stable
    }, { timeout: 5000, interval: 150, what: 'setData to settle' })

    const responses = {}
    for (const call of world.calls) {
      if (call.api !== 'cloud.callFunction' || !call.result) continue
      const key = `${call.name}.${call.action}`
      if (key === 'community.building.view' || key === 'household.badges') responses[key] = Buffer.byteLength(JSON.stringify(call.result))
    }
    const result = {
      nodes: elementCount(view.page.dom),
      badges: badgesOnScreen(),
      responseBytes: responses,
      setDataCalls: setDataBytes.length,
      setDataBytes: setDataBytes.reduce((sum, bytes) => sum + bytes, 0),
      largestSetDataBytes: Math.max(0, ...setDataBytes),
      renderedMs,
      errors: world.errors,
    }
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } finally {
    await runtime.stop()
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`)
    process.exit(1)
  },
)
