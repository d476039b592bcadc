/** @jest-environment node */
import fs from 'node:fs'
import path from 'node:path'
import { transformSync } from '@babel/core'
import ts from 'typescript'

/**
 * What keeps the weapp main package small (issue 19, `npm run bench` measures it against an empty Taro app):
 * contracts compile to `{ fn, action }` in the app builds and drop out when no page calls them, and the tab-bar icons
 * are palette PNGs.
 */
const ROOT = path.resolve(__dirname, '../..')
const CONTRACTS = path.join(ROOT, 'cloud', 'contracts')
const stripAccess = require('../../config/strip-access.js')

describe('contracts in the app builds', () => {
  const files = fs.readdirSync(CONTRACTS).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))

  it.each(files)('%s has no top-level statement with a side effect (the build marks its constants pure)', (name) => {
    const source = ts.createSourceFile(name, fs.readFileSync(path.join(CONTRACTS, name), 'utf8'), ts.ScriptTarget.Latest, true)
    const allowed = (node: ts.Statement) =>
      ts.isImportDeclaration(node) ||
      ts.isExportDeclaration(node) ||
      ts.isInterfaceDeclaration(node) ||
      ts.isTypeAliasDeclaration(node) ||
      ts.isFunctionDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      (ts.isVariableStatement(node) && (node.declarationList.flags & ts.NodeFlags.Const) !== 0)
    const offending = source.statements.filter((node) => !allowed(node)).map((node) => `line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 60)}`)
    expect(offending).toEqual([])
  })

  it('compiles defineAction(…) to { fn, action } and computes the schemas in pure calls', () => {
    const compile = (name: string) => {
      const file = path.join(CONTRACTS, name)
      return transformSync(fs.readFileSync(file, 'utf8'), { filename: file, babelrc: false, configFile: false, presets: [['@babel/preset-typescript']], plugins: [stripAccess] })?.code ?? ''
    }
    expect(compile('service.tabs.ts')).toMatch(/= \{\s*fn: 'service',\s*action: 'sessions\.upcoming'\s*\}/)
    const out = compile('service.ts')
    expect(out).toMatch(/= \{\s*fn: 'service',\s*action: 'session\.get'\s*\}/)
    expect(out).not.toMatch(/defineAction\(\)\(/)
    expect(out).not.toMatch(/\bsample:/)
    // A schema constant nothing uses any more is dropped by the minifier only when it is computed in a pure call.
    expect(out).toMatch(/const scopeSchema = \/\*#__PURE__\*\/\(\(\) => v\.variant\(/)
  })

  it('wraps exported schema constants too, and leaves functions as they are (define.ts)', () => {
    const file = path.join(CONTRACTS, 'define.ts')
    const out = transformSync(fs.readFileSync(file, 'utf8'), { filename: file, babelrc: false, configFile: false, presets: [['@babel/preset-typescript']], plugins: [stripAccess] })?.code ?? ''
    expect(out).toContain('export const noInput = /*#__PURE__*/(() => v.optional(v.object({}), {}))()')
    expect(out).toMatch(/export function defineAction\(\)/)
  })

  // A tab page's import brings the whole contract module into the main package: the actions the tab pages call live
  // in <domain>.tabs.ts, and <domain>.ts re-exports each of them, so the functions and cloud/contracts/index.ts see one
  // namespace per domain as before.
  it.each(files.filter((name) => name.endsWith('.tabs.ts')))('%s is re-exported whole by its domain file', (name) => {
    const exported = [...fs.readFileSync(path.join(CONTRACTS, name), 'utf8').matchAll(/^export const (\w+)/gm)].map((match) => match[1]).sort()
    const domain = fs.readFileSync(path.join(CONTRACTS, name.replace('.tabs.ts', '.ts')), 'utf8')
    const reexport = new RegExp(`^export \\{ ([\\w, ]+) \\} from '\\./${name.replace('.ts', '').replace('.', '\\.')}'$`, 'm').exec(domain)
    expect(exported.length).toBeGreaterThan(0)
    expect(reexport?.[1].split(', ').sort()).toEqual(exported)
  })

  it('leaves files outside cloud/contracts alone', () => {
    const out = transformSync("import * as v from 'valibot'\nexport const s = v.string()\n", { filename: path.join(ROOT, 'src', 'x.ts'), babelrc: false, configFile: false, presets: [['@babel/preset-typescript']], plugins: [stripAccess] })?.code ?? ''
    expect(out).not.toContain('#__PURE__')
  })
})

/** The tab icons app.config.ts lists (they ship in the main package). */
function tabIcons(): string[] {
  const config = fs.readFileSync(path.join(ROOT, 'src', 'app.config.ts'), 'utf8')
  return [...config.matchAll(/(?:iconPath|selectedIconPath): '([^']+\.png)'/g)].map((match) => match[1])
}

describe('tab-bar icons', () => {
  it('lists ten icons', () => expect(tabIcons()).toHaveLength(10))

  it.each(tabIcons())('%s is an 81×81 palette PNG (scripts/make-tab-icons.mjs) under 1 KB', (icon) => {
    const png = fs.readFileSync(path.join(ROOT, 'src', icon))
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([81, 81])
    // Colour type 3: indexed colour (a 32-bit screenshot is type 6 and about four times the bytes).
    expect(png[25]).toBe(3)
    expect(png.length).toBeLessThan(1024)
  })
})

describe('preloadRule', () => {
  it('gives every tab the subpackage its next tap most likely opens, by a root app.config.ts declares', () => {
    const globals = globalThis as { defineAppConfig?: (config: unknown) => unknown }
    globals.defineAppConfig = (config) => config
    const config = require('../../src/app.config.ts').default as {
      tabBar: { list: { pagePath: string }[] }
      subPackages: { root: string }[]
      preloadRule: Record<string, { network: string; packages: string[] }>
    }
    const roots = config.subPackages.map((sub) => sub.root)
    for (const { pagePath } of config.tabBar.list) {
      const rule = config.preloadRule[pagePath]
      expect(rule?.packages.length).toBeGreaterThan(0)
      for (const root of rule.packages) expect(roots).toContain(root)
    }
  })
})
