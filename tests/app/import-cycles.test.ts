/** @jest-environment node */
import fs from 'node:fs'
import path from 'node:path'

/**
 * No module of the app or the cloud imports itself round a circle (src/core/i18n ↔ src/core/settings did): in a
 * circle one side runs first and sees the other half-initialised, and which side that is depends on who was imported
 * first. Type-only imports are left out; they vanish when compiled. A quick reader of import lines, not a bundler.
 */
const ROOT = path.resolve(__dirname, '../..')
const ALIASES: [string, string][] = [
  ['@contracts/', 'cloud/contracts/'],
  ['@domain/', 'cloud/domain/'],
  ['@/', 'src/'],
]

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) sources(file, out)
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(file)
  }
  return out
}

function resolve(from: string, spec: string): string | null {
  const alias = ALIASES.find(([prefix]) => spec.startsWith(prefix))
  const base = alias ? path.join(ROOT, alias[1], spec.slice(alias[0].length)) : spec.startsWith('.') ? path.resolve(path.dirname(from), spec) : null
  if (!base) return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm

it('src and cloud have no import cycles', () => {
  const files = [...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'cloud'))]
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const deps: string[] = []
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (match[1]) continue
      const target = resolve(file, match[2] ?? match[3])
      if (target) deps.push(target)
    }
    graph.set(file, deps)
  }
  const cycles: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === 'open') cycles.push([...stack.slice(stack.indexOf(dep)), dep].map((item) => path.relative(ROOT, item)).join(' → '))
      else if (!state.has(dep)) visit(dep)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of files) if (!state.has(file)) visit(file)
  expect(files.length).toBeGreaterThan(100)
  expect(cycles).toEqual([])
})
