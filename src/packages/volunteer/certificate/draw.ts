/**
 * Draws the 志愿服务记录证明 on a 2D canvas. The same code draws on WeChat's Canvas 2D node (weapp) and on an
 * offscreen HTML canvas (H5): both offer this subset of CanvasRenderingContext2D. No seal is drawn: the app records,
 * it does not stamp; the verification code is what proves the certificate.
 */
export interface Pen {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
}

export interface CertificateText {
  heading: string
  subheading: string
  body: string
  teams: { line: string; work: string }[]
  /** Hours a leader added by hand (补录), one line each with who added them; drawn under the teams. */
  manual?: string[]
  rule: string
  issuer: string
  date: string
  code: string
  verify: string
}

/** Logical size: A-paper proportions, 750 wide like the design unit. */
export const CERT_WIDTH = 750
export const CERT_HEIGHT = 1060

const RED = '#b3261e'
const GOLD = '#c8a04a'
const INK = '#1f1a17'
const SOFT = '#5c5149'
const PAPER = '#fffaf2'
const FONT = "'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans CJK KR', 'Noto Sans CJK JP', sans-serif"

/**
 * Splits text into lines no wider than `width`: Chinese, Japanese and Korean may break between any two characters,
 * other words only at spaces.
 */
const NO_LINE_START = /^[，。、；：！？）」』”’…,.;:!?)\]%]/
const NO_LINE_END = /[（「『“‘(\[]$/

export function wrap(pen: Pick<Pen, 'measureText'>, text: string, width: number): string[] {
  const tokens = text.match(/[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]|[^\s\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]+\s*|\s+/g) ?? []
  const lines: string[] = []
  let line = ''
  for (const token of tokens) {
    const next = line + token
    if (line === '' || pen.measureText(next.trimEnd()).width <= width) {
      line = next
    } else if (NO_LINE_START.test(token)) {
      // 禁则: a comma or closing bracket hangs at the end of the line rather than starting the next one.
      line = next
    } else {
      const opener = NO_LINE_END.exec(line)
      const carried = opener ? opener[0] : ''
      lines.push(line.slice(0, line.length - carried.length).trimEnd())
      line = carried + token.trimStart()
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd())
  return lines
}

export function drawCertificate(pen: Pen, text: CertificateText): void {
  const W = CERT_WIDTH
  const H = CERT_HEIGHT
  pen.fillStyle = PAPER
  pen.fillRect(0, 0, W, H)
  pen.strokeStyle = RED
  pen.lineWidth = 10
  pen.strokeRect(20, 20, W - 40, H - 40)
  pen.strokeStyle = GOLD
  pen.lineWidth = 3
  pen.strokeRect(40, 40, W - 80, H - 80)

  pen.textAlign = 'center'
  pen.textBaseline = 'alphabetic'
  pen.fillStyle = RED
  pen.font = `700 52px ${FONT}`
  pen.fillText(text.heading, W / 2, 150)
  let y = 150
  if (text.subheading) {
    pen.fillStyle = SOFT
    pen.font = `500 26px ${FONT}`
    pen.fillText(text.subheading, W / 2, 196)
    y = 196
  }
  pen.fillStyle = GOLD
  pen.fillRect(W / 2 - 120, y + 26, 240, 4)

  pen.textAlign = 'left'
  const left = 90
  const width = W - 2 * left
  y += 100
  pen.fillStyle = INK
  pen.font = `400 32px ${FONT}`
  for (const line of wrap(pen, text.body, width)) {
    pen.fillText(line, left, y)
    y += 50
  }
  // The footer (issuer, date, code) has a fixed place; the rule sits just above it; the teams fill what is left.
  const footer = H - 250
  pen.font = `400 22px ${FONT}`
  const rule = wrap(pen, text.rule, width)
  const ruleTop = footer - 60 - (rule.length - 1) * 34
  y += 20
  for (const team of text.teams) {
    if (y + 44 > ruleTop - 30) break
    pen.fillStyle = INK
    pen.font = `600 30px ${FONT}`
    for (const line of wrap(pen, team.line, width)) {
      pen.fillText(line, left, y)
      y += 44
    }
    pen.fillStyle = SOFT
    pen.font = `400 26px ${FONT}`
    for (const line of wrap(pen, team.work, width - 20)) {
      pen.fillText(line, left + 20, y)
      y += 38
    }
    y += 14
  }
  pen.fillStyle = SOFT
  pen.font = `400 24px ${FONT}`
  manual: for (const entry of text.manual ?? []) {
    for (const line of wrap(pen, entry, width)) {
      if (y + 34 > ruleTop - 30) break manual
      pen.fillText(line, left, y)
      y += 34
    }
  }
  pen.fillStyle = SOFT
  pen.font = `400 22px ${FONT}`
  rule.forEach((line, index) => pen.fillText(line, left, ruleTop + index * 34))

  let bottom = footer
  pen.fillStyle = INK
  pen.font = `400 28px ${FONT}`
  pen.fillText(text.issuer, left, bottom)
  bottom += 46
  pen.fillText(text.date, left, bottom)
  bottom += 40
  pen.strokeStyle = RED
  pen.lineWidth = 2
  pen.strokeRect(left - 10, bottom, width + 20, 76)
  pen.fillStyle = RED
  pen.font = `700 32px ${FONT}`
  pen.fillText(text.code, left + 10, bottom + 50)
  pen.fillStyle = SOFT
  pen.font = `400 22px ${FONT}`
  pen.textAlign = 'center'
  pen.fillText(text.verify, W / 2, bottom + 116)
}
