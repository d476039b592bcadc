// What each source module adds to the weapp main package (issue 19), from a build with source maps:
//   WEAPP_SIZE_REPORT=1 TARO_CACHE=0 npx taro build --type weapp   (writes .build/weapp-size; config/index.ts)
//   node tests/weapp/size-report.mjs [--all] [--file common.js]
// Every byte of a main-package script is given to the source its mapping points at (minified bytes, as shipped); the
// en/ko/ja parts of message sets are left out, as config/locale-split.js moves them out of the main package.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const { SourceMapConsumer } = require('source-map')
const acorn = require('acorn')

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = path.join(root, '.build', 'weapp-size')
const args = process.argv.slice(2)
const only = args.includes('--file') ? args[args.indexOf('--file') + 1] : undefined
const limit = args.includes('--all') ? Infinity : 40

const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
const subRoots = (app.subPackages ?? []).map((sub) => `${sub.root}/`)
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))

/** Character ranges the locale split removes: the en, ko and ja parts of every four-language message set. */
function movedRanges(text) {
  const ranges = []
  const keyOf = (p) => (p.type === 'Property' && !p.computed ? (p.key.type === 'Identifier' ? p.key.name : p.key.value) : undefined)
  const visit = (node, parent) => {
    if (!node || typeof node.type !== 'string') return
    if (node.type === 'ObjectExpression' && parent?.type === 'CallExpression') {
      const keys = node.properties.map(keyOf)
      if (keys.length === 4 && ['zh-CN', 'en', 'ko', 'ja'].every((k) => keys.includes(k))) {
        for (const p of node.properties) if (keyOf(p) !== 'zh-CN') ranges.push([p.start, p.end])
        return
      }
    }
    for (const key of Object.keys(node)) {
      const value = node[key]
      if (Array.isArray(value)) value.forEach((child) => visit(child, node))
      else if (value && typeof value.type === 'string') visit(value, node)
    }
  }
  visit(acorn.parse(text, { ecmaVersion: 'latest', sourceType: 'script' }), null)
  return ranges
}

const name = (source) =>
  source
    .replace(/^webpack:\/\/[^/]*\//, '')
    .replace(/^(\.\/)?/, '')
    .replace(/.*node_modules\//, 'node_modules/')
    .replace(/^.*?\/(src|cloud)\//, '$1/')

const totals = new Map()
const perFile = new Map()
for (const file of walk(dist)) {
  const rel = path.relative(dist, file)
  if (!rel.endsWith('.js') || subRoots.some((sub) => rel.startsWith(sub))) continue
  if (only && rel !== only) continue
  const text = fs.readFileSync(file, 'utf8')
  const mapFile = `${file}.map`
  const bytes = new Map()
  const add = (key, n) => bytes.set(key, (bytes.get(key) ?? 0) + n)
  if (!fs.existsSync(mapFile)) {
    add(`(no map) ${rel}`, Buffer.byteLength(text))
  } else {
    const moved = movedRanges(text)
    const isMoved = new Uint8Array(text.length)
    for (const [a, b] of moved) isMoved.fill(1, a, b)
    const consumer = await new SourceMapConsumer(JSON.parse(fs.readFileSync(mapFile, 'utf8')))
    // Line/column → offset in the file; mappings give the start of each segment, a segment runs to the next one.
    const lineStarts = [0]
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1)
    const segments = []
    consumer.eachMapping((m) => segments.push([lineStarts[m.generatedLine - 1] + m.generatedColumn, m.source ? name(m.source) : '(unmapped)']))
    segments.sort((a, b) => a[0] - b[0])
    let at = 0
    let owner = '(unmapped)'
    const flush = (end) => {
      for (let i = at; i < end; i++) if (!isMoved[i]) add(owner, Buffer.byteLength(text[i]))
    }
    for (const [offset, source] of segments) {
      flush(offset)
      at = offset
      owner = source
    }
    flush(text.length)
    consumer.destroy?.()
  }
  perFile.set(rel, bytes)
  for (const [key, n] of bytes) totals.set(key, (totals.get(key) ?? 0) + n)
}

for (const [rel, bytes] of perFile) {
  const sum = [...bytes.values()].reduce((a, b) => a + b, 0)
  console.log(`\n${rel}: ${sum} B`)
  for (const [key, n] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`  ${String(n).padStart(7)}  ${key}`)
}
