/**
 * The "no emoji" guard. A pictograph in the app's text draws differently on every phone (iOS turns ⚠ ❤ ⬇ into colour
 * emoji) and as an empty box where no emoji font exists, so pictures come from the app's own icon set (src/ui/Icon.tsx,
 * src/ui/icons.ts, or a subpackage's icons.ts) and marks stay typographic. Every .ts/.tsx/.scss file under src/ is read,
 * tests and comments included: a glyph in a test is one the screen is expected to show.
 */
import fs from 'node:fs'
import path from 'node:path'

const SRC = path.resolve(__dirname, '../../src')

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return filesUnder(full)
    return /\.(ts|tsx|scss)$/.test(entry.name) ? [full] : []
  })
}

// Built at run time so the test reads Node's own Unicode tables, not a transpiler's copy.
const EMOJI_PRESENTATION = new RegExp('\\p{Emoji_Presentation}', 'u')
const PICTOGRAPHIC = new RegExp('\\p{Extended_Pictographic}', 'u')
const VARIATION_EMOJI = '\uFE0F'

/**
 * Marks the app uses on purpose that render as text everywhere. None is Extended_Pictographic today; they are named so
 * that a later Unicode version moving one of them cannot fail the app's own status marks without a decision here.
 */
const TYPOGRAPHIC = new Set(['✓', '✕', '●', '○', '◆', '▲', '■', '›', '!'])

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

/** Each emoji-like character of a text, as "line:column U+XXXX char (why)". */
function offences(text: string): string[] {
  const found: string[] = []
  text.split('\n').forEach((line, index) => {
    let column = 0
    for (const char of line) {
      column += 1
      const why =
        char === VARIATION_EMOJI ? 'emoji variation selector'
        : EMOJI_PRESENTATION.test(char) ? 'emoji by default'
        : PICTOGRAPHIC.test(char) && !TYPOGRAPHIC.has(char) ? 'pictograph that phones may draw as emoji'
        : null
      if (why) found.push(`${index + 1}:${column} ${codePoint(char)} ${char === VARIATION_EMOJI ? '' : char} (${why})`)
    }
  })
  return found
}

describe('glyphs', () => {
  it('finds emoji, emoji selectors and pictographs, and lets typographic marks and words pass', () => {
    expect(offences('✓ 已签到 ✕ ● ○ ◆ ▲ ■ › ! ★ ☆ ← ↓ → △ Speaks 会说 한국어')).toEqual([])
    expect(offences('ok\n⚠ 还差 {n} 人')).toEqual(['2:1 U+26A0 ⚠ (pictograph that phones may draw as emoji)'])
    expect(offences('🛡 x')).toEqual(['1:1 U+1F6E1 🛡 (pictograph that phones may draw as emoji)'])
    expect(offences('🎉')).toEqual(['1:1 U+1F389 🎉 (emoji by default)'])
    expect(offences('a✓\uFE0F')).toEqual(['1:3 U+FE0F  (emoji variation selector)'])
    for (const char of ['ℹ', '⬆', '⬇', '☺', '↗', '❤', '🗣']) expect(offences(char)).toHaveLength(1)
  })

  it('the typographic marks are not emoji by default', () => {
    for (const char of TYPOGRAPHIC) expect(EMOJI_PRESENTATION.test(char)).toBe(false)
  })

  it('no source file under src/ carries an emoji or a pictograph (use <Icon> from src/ui/Icon.tsx, or words)', () => {
    const files = filesUnder(SRC)
    expect(files.length).toBeGreaterThan(100)
    const problems = files.flatMap((file) => offences(fs.readFileSync(file, 'utf8')).map((where) => `src/${path.relative(SRC, file).split(path.sep).join('/')}:${where}`))
    expect(problems).toEqual([])
  })
})
