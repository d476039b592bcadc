/**
 * The clock matrix (scripts/clock-matrix.mjs): with LINLITING_TEST_NOW set to an instant, every Jest suite starts at
 * that instant and time runs on from there — only Date is faked, so timers, promises and the database run as usual.
 * A suite that needs a particular instant still fixes its own clock (jest.useFakeTimers / setSystemTime) and says so.
 */
const at = process.env.LINLITING_TEST_NOW

if (at) {
  const now = Date.parse(at)
  if (Number.isNaN(now)) throw new Error(`LINLITING_TEST_NOW is not an instant: ${at}`)
  jest.useFakeTimers({
    now,
    advanceTimers: true,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback'],
  })
}
