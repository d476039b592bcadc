import { darkRuns, qrImageUrl, qrMatrix } from './qr'

/**
 * A small QR reader for versions 1–3 at level M (one block of codewords): what a scanner does after it has found the
 * code — read the format, undo the mask, walk the modules, check the error correction and parse the byte segment.
 * It proves that what the app draws is a QR code carrying the payload, not just a library's output.
 */

/** Version → [data codewords, error-correction codewords] at level M (ISO/IEC 18004 table 9; one block up to v3). */
const LEVEL_M: Record<number, [number, number]> = { 1: [16, 10], 2: [28, 16], 3: [44, 26] }

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
]

function gfMultiply(x: number, y: number): number {
  let z = 0
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d)
    z ^= ((y >>> i) & 1) * x
  }
  return z & 0xff
}

/** The Reed–Solomon remainder a reader compares with the code's error-correction codewords. */
function rsRemainder(data: number[], degree: number): number[] {
  const divisor = new Array<number>(degree).fill(0)
  divisor[degree - 1] = 1
  let root = 1
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      divisor[j] = gfMultiply(divisor[j], root)
      if (j + 1 < degree) divisor[j] ^= divisor[j + 1]
    }
    root = gfMultiply(root, 2)
  }
  const result = new Array<number>(degree).fill(0)
  for (const byte of data) {
    const factor = byte ^ (result.shift() as number)
    result.push(0)
    divisor.forEach((coefficient, i) => (result[i] ^= gfMultiply(coefficient, factor)))
  }
  return result
}

/** The 15 format bits are BCH(15,5): the 10 low bits are the remainder of the 5 high ones. */
function formatIsValid(bits: number): boolean {
  const data = bits >>> 10
  let rem = data
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537)
  return ((data << 10) | (rem & 0x3ff)) === bits
}

function finderAt(matrix: boolean[][], top: number, left: number): boolean {
  for (let dy = 0; dy < 7; dy++) {
    for (let dx = 0; dx < 7; dx++) {
      const ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3))
      if (matrix[top + dy][left + dx] !== (ring !== 2)) return false
    }
  }
  return true
}

function read(matrix: boolean[][]): { level: number; mask: number; text: string } {
  const size = matrix.length
  const version = (size - 17) / 4
  const [dataCount, ecCount] = LEVEL_M[version]
  const at = (row: number, col: number) => (matrix[row][col] ? 1 : 0)

  // Format: the copy around the top-left finder, checked against the copy split between the other two.
  let first = 0
  let second = 0
  for (let i = 0; i < 15; i++) {
    const a = i <= 5 ? at(i, 8) : i === 6 ? at(7, 8) : i === 7 ? at(8, 8) : i === 8 ? at(8, 7) : at(8, 14 - i)
    const b = i < 8 ? at(8, size - 1 - i) : at(size - 15 + i, 8)
    first |= a << i
    second |= b << i
  }
  expect(first).toBe(second)
  const format = first ^ 0x5412
  expect(formatIsValid(format)).toBe(true)
  const level = format >>> 13
  const mask = (format >>> 10) & 7

  // Function modules: finders with their separators and format areas, timing lines, the alignment pattern.
  const fixed = (row: number, col: number) => {
    if (row <= 8 && (col <= 8 || col >= size - 8)) return true
    if (row >= size - 8 && col <= 8) return true
    if (row === 6 || col === 6) return true
    const align = size - 7
    return version >= 2 && Math.abs(row - align) <= 2 && Math.abs(col - align) <= 2
  }
  const bits: number[] = []
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5
    for (let vert = 0; vert < size; vert++) {
      for (let j = 0; j < 2; j++) {
        const col = right - j
        const row = ((right + 1) & 2) === 0 ? size - 1 - vert : vert
        if (!fixed(row, col)) bits.push(at(row, col) ^ (MASKS[mask](col, row) ? 1 : 0))
      }
    }
  }
  const codewords = Array.from({ length: dataCount + ecCount }, (_, i) => bits.slice(i * 8, i * 8 + 8).reduce((byte, bit) => (byte << 1) | bit, 0))
  const data = codewords.slice(0, dataCount)
  expect(codewords.slice(dataCount)).toEqual(rsRemainder(data, ecCount))

  // One byte-mode segment: mode 0100, an 8-bit count (versions 1–9), the bytes.
  const stream = data.flatMap((byte) => Array.from({ length: 8 }, (_, i) => (byte >>> (7 - i)) & 1))
  const take = (from: number, length: number) => stream.slice(from, from + length).reduce((value, bit) => (value << 1) | bit, 0)
  expect(take(0, 4)).toBe(0b0100)
  const count = take(4, 8)
  const text = String.fromCharCode(...Array.from({ length: count }, (_, i) => take(12 + i * 8, 8)))
  return { level, mask, text }
}

/** A version 2-M code that jsQR decoded to 'LLT:s20261212a1b2c3:B12' (drawn by the app's earlier encoder): the reader's own check. */
const BOOKING = [
  '#######...#.....#.#######',
  '#.....#..##..#.#..#.....#',
  '#.###.#.#.##..#...#.###.#',
  '#.###.#.#.##.#.##.#.###.#',
  '#.###.#.##.##.#...#.###.#',
  '#.....#.####.#.#..#.....#',
  '#######.#.#.#.#.#.#######',
  '........#.....#..........',
  '#.#####..#.#.#.#..#####..',
  '.####..##..####.##.....##',
  '.....###..####.##.#.##.##',
  '.....#..#####..#.###.#..#',
  '#..#.####.#.#.###.###.##.',
  '#####............#...##.#',
  '#.#.#.###.####.##.#.#####',
  '#..##....###...#........#',
  '#.#.#####.##.#.######.##.',
  '........###.#.###...##..#',
  '#######..#......#.#.#.###',
  '#.....#.#...#.#.#...##.#.',
  '#.###.#.#.#.##.######.###',
  '#.###.#.#.....###.####.##',
  '#.###.#.#.####.#.#...##.#',
  '#.....#..###....#.#..#..#',
  '#######.#..##..#.##...###',
]

describe('QR codes', () => {
  it('reads a code another reader decoded, and notices a wrong module', () => {
    const matrix = BOOKING.map((row) => [...row].map((module) => module === '#'))
    expect(read(matrix)).toEqual({ level: 0, mask: expect.any(Number), text: 'LLT:s20261212a1b2c3:B12' })
    matrix[12][12] = !matrix[12][12]
    expect(() => read(matrix)).toThrow()
  })

  it.each(['LLT:s20261212a1b2c3:B12', 'LLT:seed-knife:A1'])('draws a booking payload a reader decodes: %s', (payload) => {
    const matrix = qrMatrix(payload)
    // Version 2 (25 × 25) holds up to 26 bytes at level M.
    expect(matrix).toHaveLength(25)
    expect(matrix.every((row) => row.length === 25)).toBe(true)
    expect(finderAt(matrix, 0, 0) && finderAt(matrix, 0, 18) && finderAt(matrix, 18, 0)).toBe(true)
    for (let i = 8; i < 17; i++) {
      expect(matrix[6][i]).toBe(i % 2 === 0)
      expect(matrix[i][6]).toBe(i % 2 === 0)
    }
    // Level M is written 00 in the format bits.
    expect(read(matrix)).toEqual({ level: 0, mask: expect.any(Number), text: payload })
  })

  it('grows the version with the text and refuses what it cannot encode', () => {
    expect(qrMatrix('A1')).toHaveLength(21)
    expect(qrMatrix('linliting:checkin:caring-20261205-0900-ab12cd:012345')).toHaveLength(33)
    expect(() => qrMatrix('x'.repeat(3000))).toThrow(RangeError)
    expect(() => qrMatrix('预约')).toThrow(RangeError)
  })

  it('draws each row as runs of dark modules', () => {
    expect(darkRuns([[true, true, false, true], [false, false, false, false], [true, false, true, true]])).toEqual([[[0, 2], [3, 1]], [], [[0, 1], [2, 2]]])
  })

  it('gives the check-in code as a GIF for an Image', () => {
    expect(qrImageUrl('linliting:checkin:caring-20261205-0900-ab12cd:012345')).toMatch(/^data:image\/gif;base64,[A-Za-z0-9+/]+=*$/)
  })
})
