// Jest's global setup: the cloud suites run the deployable function bundles (tests/cloud/harness.ts), built here once
// per run from the source, with the committed example configuration.
const { execFileSync } = require('node:child_process')
const path = require('node:path')

module.exports = async function globalSetup() {
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'build-cloud.mjs'), '--tests'], { stdio: 'pipe' })
}
