/**
 * The "no hard-coded UI string" guard. Every string a person reads comes from a defineMessages set, complete in all
 * four languages; no component (.tsx) carries Chinese, Japanese or Korean text or literal words in its JSX.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ts from 'typescript'
import { LOCALES } from '@contracts/model'

const SRC = path.resolve(__dirname, '../../src')

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return filesUnder(full, keep)
    return keep(full) ? [full] : []
  })
}

const rel = (file: string) => path.relative(SRC, file)

// messages.ts and its kin (privacyPanelMessages.ts …), in src/ and in the subpackages under src/packages/.
const messageFiles = filesUnder(SRC, (file) => /messages\.ts$/i.test(file) && !/\.test\.ts$/.test(file))
// Tests hold Chinese on purpose: they read the screen as a person would.
const componentFiles = filesUnder(SRC, (file) => file.endsWith('.tsx') && !file.endsWith('.test.tsx'))

type MessageSet = Record<string, Record<string, unknown>>

function isMessageSet(value: unknown): value is MessageSet {
  if (typeof value !== 'object' || value === null) return false
  const keys = Object.keys(value).sort()
  return keys.join() === [...LOCALES].sort().join() && Object.values(value).every((entry) => typeof entry === 'object' && entry !== null)
}

describe('message sets', () => {
  it('exist for the tab pages and shared components', () => {
    const names = messageFiles.map(rel)
    for (const expected of ['ui/messages.ts', 'pages/home/messages.ts', 'pages/building/messages.ts', 'pages/services/messages.ts', 'pages/volunteer/messages.ts', 'pages/me/messages.ts']) {
      expect(names).toContain(expected)
    }
  })

  describe.each(messageFiles.map((file) => [rel(file), file]))('%s', (_name, file) => {
    const sets = Object.entries(require(file) as Record<string, unknown>).filter((entry): entry is [string, MessageSet] => isMessageSet(entry[1]))

    it('exports at least one defineMessages set', () => {
      expect(sets.length).toBeGreaterThan(0)
    })

    it('has the same keys in all four languages, none of them empty', () => {
      for (const [exportName, set] of sets) {
        const reference = Object.keys(set['zh-CN']).sort()
        for (const locale of LOCALES) {
          expect({ set: exportName, locale, keys: Object.keys(set[locale]).sort() }).toEqual({ set: exportName, locale, keys: reference })
          for (const key of reference) {
            const value = set[locale][key]
            expect({ set: exportName, locale, key, ok: typeof value === 'string' && value.trim() !== '' }).toEqual({ set: exportName, locale, key, ok: true })
          }
        }
      }
    })
  })
})

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** Every token of a component except comments: CJK in any of them is text that bypassed i18n. */
function scan(file: string): { cjk: string[]; jsxText: string[] } {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const cjk: string[] = []
  const jsxText: string[] = []
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) jsxText.push(node.text.trim())
    const children = node.getChildren(source)
    if (children.length > 0) {
      children.forEach(visit)
      return
    }
    const text = node.getText(source)
    if (CJK.test(text)) cjk.push(text)
  }
  visit(source)
  return { cjk, jsxText }
}

describe('components', () => {
  it('are found', () => {
    expect(componentFiles.length).toBeGreaterThan(5)
  })

  it.each(componentFiles.map((file) => [rel(file), file]))('%s has no hard-coded UI text', (_name, file) => {
    expect(scan(file)).toEqual({ cjk: [], jsxText: [] })
  })
})

describe('the guard itself', () => {
  it('catches words between tags and CJK in strings, and lets comments and glyphs pass', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'i18n-')), 'Probe.tsx')
    fs.writeFileSync(
      file,
      [
        '// 注释可以写中文',
        'const a = useState<string | null>(null)',
        'export const P = () => <View>Hello<Text>{"我家"}</Text>{"›"}<Text>🔒</Text></View>',
      ].join('\n'),
    )
    expect(scan(file)).toEqual({ cjk: ['"我家"'], jsxText: ['Hello'] })
  })
})
