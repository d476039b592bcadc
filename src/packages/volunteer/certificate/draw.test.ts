import { CERT_HEIGHT, CERT_WIDTH, drawCertificate, wrap, type Pen } from './draw'

/** A pen that measures every character as one em of the current font and records what was written where. */
function recordingPen() {
  const written: { text: string; x: number; y: number; font: string }[] = []
  const pen: Pen & { written: typeof written } = {
    written,
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '400 32px sans-serif',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    fillRect: () => undefined,
    strokeRect: () => undefined,
    fillText(text, x, y) {
      written.push({ text, x, y, font: this.font })
    },
    measureText(text) {
      const size = Number(/(\d+)px/.exec(this.font)?.[1] ?? 16)
      return { width: [...text].length * size }
    },
  }
  return pen
}

describe('certificate text wrapping', () => {
  it('breaks Chinese anywhere but never starts a line with a comma, and keeps words whole', () => {
    const pen = recordingPen()
    pen.font = '400 10px x'
    const lines = wrap(pen, '兹证明陈晓在邻里亭登记参加志愿服务，经队长确认的服务时长累计', 170)
    expect(lines.every((line) => !/^[，。、]/.test(line))).toBe(true)
    expect(lines.join('')).toBe('兹证明陈晓在邻里亭登记参加志愿服务，经队长确认的服务时长累计')
    const english = wrap(pen, 'This certifies that Chen Xiao took part', 150)
    expect(english).toEqual(['This certifies', 'that Chen Xiao', 'took part'])
  })
})

describe('the drawn certificate', () => {
  const text = {
    heading: '志愿服务记录证明',
    subheading: 'Certificate of Volunteer Service',
    body: '兹证明 陈晓 在邻里亭登记参加志愿服务，经队长确认的服务时长累计 11.75 小时（2026-10-03 至 2026-11-28）。',
    teams: Array.from({ length: 12 }, (_, i) => ({ line: `第${i + 1}队：1 小时，1 次`, work: '服务内容：探望独居老人、代买代办' })),
    rule: '时长按实际签到、签退时间计算，每满 15 分钟计 0.25 小时。',
    issuer: '出具单位：九里亭街道社区志愿服务站',
    date: '出具日期：2026-11-28',
    code: '核验码：VBAW8-8N8UT',
    verify: '可请社区管理员在邻里亭核验此码',
  }

  it('has the name, hours, issuer, date and code, inside the page, with nothing written over the footer', () => {
    const pen = recordingPen()
    drawCertificate(pen, text)
    const all = pen.written.map((item) => item.text).join('\n')
    for (const part of ['志愿服务记录证明', '陈晓', '11.75', '九里亭街道社区志愿服务站', '2026-11-28', 'VBAW8-8N8UT']) expect(all).toContain(part)
    expect(pen.written.every((item) => item.y > 0 && item.y < CERT_HEIGHT && item.x >= 0 && item.x < CERT_WIDTH)).toBe(true)
    const issuer = pen.written.find((item) => item.text === text.issuer)
    const above = pen.written.filter((item) => item.text !== text.issuer && item.y < (issuer?.y ?? 0))
    // Everything above the footer ends at least one line above the issuer: too many teams are cut, not overprinted.
    expect(Math.max(...above.map((item) => item.y))).toBeLessThanOrEqual((issuer?.y ?? 0) - 40)
  })
})
