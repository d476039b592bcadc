// Package sizes: the weapp main package and each subpackage (as WeChat counts them: every file under its root),
// and the H5 entry (the scripts and styles index.html loads).
import fs from 'node:fs'
import path from 'node:path'

function sizeOf(dir, skip = []) {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (skip.includes(full)) continue
    total += entry.isDirectory() ? sizeOf(full, skip) : fs.statSync(full).size
  }
  return total
}

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10

export default async function sizes({ root }) {
  const dist = path.join(root, 'dist')
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((sub) => path.join(dist, sub.root))
  const metrics = { 'weapp main package': { value: kb(sizeOf(dist, subRoots)), unit: 'KB', budget: 'weappMainKB' } }
  for (const sub of subRoots) {
    if (fs.existsSync(sub)) metrics[`weapp subpackage ${path.relative(dist, sub)}`] = { value: kb(sizeOf(sub)), unit: 'KB', budget: 'weappSubpackageKB' }
  }
  const h5 = path.join(root, 'dist-h5')
  const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8')
  const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((match) => path.join(h5, match[1]))
  metrics['H5 entry (scripts + styles of index.html)'] = { value: kb(assets.reduce((sum, file) => sum + (fs.existsSync(file) ? fs.statSync(file).size : 0), 0)), unit: 'KB', budget: 'h5EntryKB' }
  return metrics
}
