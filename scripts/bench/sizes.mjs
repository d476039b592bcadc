// Package sizes: the weapp main package and each subpackage (as WeChat counts them: every file under its root), the
// main package against an empty one-page Taro React app built in the same run with the same packages, build config,
// babel config and browserslist (scripts/bench/support/empty-app.mjs, in a temporary folder), and the H5 entry (the
// scripts and styles index.html loads).
import fs from 'node:fs'
import path from 'node:path'
import { buildEmptyApp } from './support/empty-app.mjs'

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

/** The main package's bytes and each subpackage's, of a weapp build folder. */
export function packageSizes(dist) {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((sub) => path.join(dist, sub.root))
  return { main: sizeOf(dist, subRoots), subpackages: subRoots.filter((sub) => fs.existsSync(sub)).map((sub) => ({ root: path.relative(dist, sub), bytes: sizeOf(sub) })) }
}

export default async function sizes({ root }) {
  const dist = path.join(root, 'dist')
  const { main, subpackages } = packageSizes(dist)
  const emptyDist = buildEmptyApp(root)
  let empty
  try {
    empty = packageSizes(emptyDist).main
  } finally {
    fs.rmSync(path.dirname(emptyDist), { recursive: true, force: true })
  }
  const metrics = {
    'weapp main package': { value: kb(main), unit: 'KB', budget: 'weappMainKB' },
    'empty Taro React app (same run)': { value: kb(empty), unit: 'KB' },
    'weapp main package ÷ empty app': { value: Math.round((main / empty) * 100) / 100, unit: '×', budget: 'weappMainRatio' },
  }
  for (const sub of subpackages) metrics[`weapp subpackage ${sub.root}`] = { value: kb(sub.bytes), unit: 'KB', budget: 'weappSubpackageKB' }
  const h5 = path.join(root, 'dist-h5')
  const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8')
  const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((match) => path.join(h5, match[1]))
  metrics['H5 entry (scripts + styles of index.html)'] = { value: kb(assets.reduce((sum, file) => sum + (fs.existsSync(file) ? fs.statSync(file).size : 0), 0)), unit: 'KB', budget: 'h5EntryKB' }
  return metrics
}
