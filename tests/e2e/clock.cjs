// Preloaded into a local runtime (NODE_OPTIONS=--require) by specs that must let time pass: an hour of volunteering
// cannot be waited out in a test. The server's Date runs LINLITING_CLOCK_FILE's offset (ms) ahead of real time; the
// spec rewrites that file to move the clock. Only Date changes; timers and the database run as usual.
const fs = require('node:fs')

const file = process.env.LINLITING_CLOCK_FILE
if (file) {
  const RealDate = Date
  const offset = () => {
    try {
      return Number(fs.readFileSync(file, 'utf8')) || 0
    } catch {
      return 0
    }
  }
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset())
      else super(...args)
    }
    static now() {
      return RealDate.now() + offset()
    }
  }
  globalThis.Date = ShiftedDate
}
