import { darkRuns, qrMatrix } from './qr'

/** Decoded by jsQR when this encoder was written (version 2-M, 25 × 25): the expected modules, row by row. */
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

describe('QR encoder', () => {
  it('encodes a booking payload exactly as a reader decoded it', () => {
    expect(qrMatrix('LLT:s20261212a1b2c3:B12').map((row) => row.map((dark) => (dark ? '#' : '.')).join(''))).toEqual(BOOKING)
  })

  it('grows the version with the text and refuses what does not fit', () => {
    expect(qrMatrix('A1')).toHaveLength(21)
    expect(qrMatrix('x'.repeat(60))).toHaveLength(33)
    expect(() => qrMatrix('x'.repeat(200))).toThrow(RangeError)
  })

  it('draws each row as runs of dark modules', () => {
    expect(darkRuns([[true, true, false, true], [false, false, false, false], [true, false, true, true]])).toEqual([[[0, 2], [3, 1]], [], [[0, 1], [2, 2]]])
  })
})
