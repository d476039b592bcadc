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

    it('uses the same {placeholders} for a key in every language', () => {
      for (const [exportName, set] of sets) {
        for (const key of Object.keys(set['zh-CN'])) {
          const reference = placeholders(set['zh-CN'][key])
          for (const locale of LOCALES) {
            expect({ set: exportName, key, locale, placeholders: placeholders(set[locale][key]) }).toEqual({ set: exportName, key, locale, placeholders: reference })
          }
        }
      }
    })
  })
})

/** The names in a message's {placeholders}, sorted: a translation that drops or renames one shows "{name}" or loses it. */
function placeholders(value: unknown): string[] {
  return typeof value === 'string' ? [...new Set([...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort() : []
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** Props whose value a person reads (or hears, from a screen reader). */
const READ_PROPS = new Set(['title', 'placeholder', 'aria-label', 'confirmText', 'cancelText'])
/** Taro's pop-ups and native bars: the object's text fields must come from a message set. */
const POPUPS = new Set(['showToast', 'showModal', 'showLoading', 'showActionSheet', 'setNavigationBarTitle'])
const POPUP_TEXT = new Set(['title', 'content', 'confirmText', 'cancelText', 'itemList'])
// Letters of the scripts people read here; a symbol that Unicode files under letters (ℹ) is a glyph, not a word.
const LETTER = /[\p{Script=Latin}\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u

/** A literal that carries words: a string, or the fixed parts of a template. */
function literalWords(node: ts.Node | undefined): string | null {
  if (!node) return null
  if (ts.isParenthesizedExpression(node)) return literalWords(node.expression)
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return LETTER.test(node.text) ? node.text : null
  if (ts.isTemplateExpression(node)) {
    const fixed = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ')
    return LETTER.test(fixed) ? node.getText() : null
  }
  if (ts.isConditionalExpression(node)) return literalWords(node.whenTrue) ?? literalWords(node.whenFalse)
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) return literalWords(node.right) ?? literalWords(node.left)
  if (ts.isArrayLiteralExpression(node)) return node.elements.map(literalWords).find((words) => words !== null) ?? null
  return null
}

interface Findings {
  /** Chinese, Japanese or Korean anywhere in the code (not in comments). */
  cjk: string[]
  /** Words between tags, or a literal with words as a child: <Text>Save</Text>, <Text>{'Save'}</Text>. */
  jsxText: string[]
  /** A literal with words given to a prop people read: title="Save", placeholder={'Name'}. */
  props: string[]
  /** A literal with words in a toast, modal or bar title: Taro.showToast({ title: 'Saved' }). */
  popups: string[]
}

/** Every token of a component except comments: CJK in any of them is text that bypassed i18n. */
function scan(file: string): Findings {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: Findings = { cjk: [], jsxText: [], props: [], popups: [] }
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return
    if (ts.isJsxText(node) && LETTER.test(node.text)) found.jsxText.push(node.text.trim())
    if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const words = literalWords(node.expression)
      if (words !== null) found.jsxText.push(words)
    }
    if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText(source))) {
      const value = node.initializer
      const words = value && ts.isJsxExpression(value) ? literalWords(value.expression) : literalWords(value)
      if (words !== null) found.props.push(`${node.name.getText(source)}=${words}`)
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : ''
      const options = node.arguments[0]
      if (POPUPS.has(name) && options && ts.isObjectLiteralExpression(options)) {
        for (const property of options.properties) {
          if (!ts.isPropertyAssignment(property) || !POPUP_TEXT.has(property.name.getText(source))) continue
          const words = literalWords(property.initializer)
          if (words !== null) found.popups.push(`${name} ${property.name.getText(source)}: ${words}`)
        }
      }
    }
    const children = node.getChildren(source)
    if (children.length > 0) {
      children.forEach(visit)
      return
    }
    const text = node.getText(source)
    if (CJK.test(text)) found.cjk.push(text)
  }
  visit(source)
  return found
}

describe('components', () => {
  it('are found', () => {
    expect(componentFiles.length).toBeGreaterThan(5)
  })

  it.each(componentFiles.map((file) => [rel(file), file]))('%s has no hard-coded UI text', (_name, file) => {
    expect(scan(file)).toEqual({ cjk: [], jsxText: [], props: [], popups: [] })
  })
})

describe('the guard itself', () => {
  const probe = (lines: string[]): Findings => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'i18n-')), 'Probe.tsx')
    fs.writeFileSync(file, lines.join('\n'))
    return scan(file)
  }

  it('catches words between tags and CJK in strings, and lets comments and glyphs pass', () => {
    expect(
      probe([
        '// 注释可以写中文',
        'const a = useState<string | null>(null)',
        'export const P = () => <View>Hello<Text>{"我家"}</Text>{"›"}<Text>🔒</Text></View>',
      ]),
    ).toEqual({ cjk: ['"我家"'], jsxText: ['Hello', '我家'], props: [], popups: [] })
  })

  it('catches Latin words as a literal child, in props people read, and in pop-ups', () => {
    expect(
      probe([
        "export const P = ({ t }) => <View className=\"row\" title=\"Save\"><Text>{'Save'}</Text><Text>{`${t('a')} ›`}</Text>",
        "  <Input placeholder={'Your name'} value=\"abc\" aria-label={t('name')} /><Input placeholder=\"000000\" /></View>",
        "Taro.showToast({ title: 'Saved', icon: 'none' })",
        "Taro.showModal({ title: t('sure'), content: ok ? 'Really?' : t('no') })",
        "Taro.showToast({ title: t('saved'), icon: 'success' })",
      ]),
    ).toEqual({
      cjk: [],
      jsxText: ['Save'],
      props: ['title=Save', 'placeholder=Your name'],
      popups: ['showToast title: Saved', 'showModal content: Really?'],
    })
  })
})

describe('placeholders', () => {
  it('are read from a message by name', () => {
    expect(placeholders('{area} {building}, Unit {unit} ({unit})')).toEqual(['area', 'building', 'unit'])
    expect(placeholders('no placeholders')).toEqual([])
  })
})
