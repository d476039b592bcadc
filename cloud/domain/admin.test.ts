import {
  areaIdFor,
  bookingCells,
  buildingIdFor,
  csvPage,
  fingerprint,
  IMPORT_HEADER,
  IMPORT_MAX_ROWS,
  parseCsv,
  parseImport,
  partyColumnFor,
  readCount,
  recentWeeks,
  weekStart,
} from './admin'

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, and CRLF lines', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n"two\nlines",x,\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['two\nlines', 'x', ''],
    ])
  })

  it('takes the delimiter from the first line: tabs from a pasted spreadsheet, full-width commas typed by hand', () => {
    expect(parseCsv('小区\t楼栋\n朗庭\t1号楼')).toEqual([
      ['小区', '楼栋'],
      ['朗庭', '1号楼'],
    ])
    expect(parseCsv('小区，楼栋\n朗庭，1号楼')).toEqual([
      ['小区', '楼栋'],
      ['朗庭', '1号楼'],
    ])
  })

  it('drops a BOM and keeps a last line without a line break', () => {
    expect(parseCsv('\uFEFFa,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
  })
})

describe('parseImport', () => {
  it('finds columns by header in any order and counts households', () => {
    const parsed = parseImport('每层户数,层数,单元数,楼栋,小区\n4,11,1,3号楼,绿庭尚城\n')
    expect(parsed.rows).toEqual([{ line: 2, area: '绿庭尚城', building: '3号楼', units: 1, floors: 11, roomsPerFloor: 4, households: 44 }])
  })

  it('says which line and column is wrong, and why', () => {
    const parsed = parseImport(`${IMPORT_HEADER}\n朗庭,,2,6,2\n朗庭,2号楼,0,6,2\n朗庭,3号楼,2,6.5,2\n朗庭,4号楼,2,6,21\n朗庭,这是一个名字非常非常非常非常非常长的楼栋名称,1,1,1\n`)
    expect(parsed.problems).toEqual([
      { line: 2, column: 'building', problem: 'missing' },
      { line: 3, column: 'units', problem: 'out_of_range' },
      { line: 4, column: 'floors', problem: 'not_integer' },
      { line: 5, column: 'roomsPerFloor', problem: 'out_of_range' },
      { line: 6, column: 'building', problem: 'too_long' },
    ])
    expect(parsed.rows).toEqual([])
  })

  it('skips blank lines, keeps spreadsheet line numbers, and treats names as people read them', () => {
    const parsed = parseImport(`\n${IMPORT_HEADER}\n\n 朗庭 ,1号楼,1,1,1\n朗庭,1号楼　,1,1,1\n`)
    expect(parsed.rows.map((row) => [row.line, row.area])).toEqual([[4, '朗庭']])
    expect(parsed.problems).toEqual([{ line: 5, column: 'building', problem: 'duplicate_in_file' }])
  })

  it('refuses an empty file, one without data and one longer than the limit', () => {
    expect(parseImport('  \n').fileProblem).toBe('empty')
    expect(parseImport(`${IMPORT_HEADER}\n`).fileProblem).toBe('no_rows')
    const long = `${IMPORT_HEADER}\n${Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `朗庭,${i}号楼,1,1,1`).join('\n')}`
    expect(parseImport(long).fileProblem).toBe('too_many_rows')
  })

  it('reads full-width digits', () => {
    expect(readCount('１２')).toBe(12)
    expect(readCount('12层')).toBe('not_integer')
    expect(readCount(' ')).toBe('missing')
  })
})

describe('ids from names', () => {
  it('are stable, ASCII, and differ for different names', () => {
    expect(fingerprint('1号楼')).toBe(fingerprint('1号楼'))
    expect(fingerprint('1号楼')).not.toBe(fingerprint('2号楼'))
    expect(areaIdFor(' 朗庭 ')).toBe(areaIdFor('朗庭'))
    expect(buildingIdFor('lt', '1号楼')).toMatch(/^lt-[0-9a-f]{8}$/)
  })
})

describe('weeks', () => {
  it('start on Monday and end with the current one', () => {
    expect(weekStart('2026-11-29')).toBe('2026-11-23') // a Sunday
    expect(weekStart('2026-11-23')).toBe('2026-11-23')
    expect(recentWeeks('2026-11-27', 3)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23'])
  })
})

describe('export files', () => {
  it('carry the BOM and the header on the first page only, and defuse formulas', () => {
    expect(csvPage(['a', 'b'], [['1', '=SUM(A1)']], true)).toBe("\uFEFFa,b\r\n1,'=SUM(A1)\r\n")
    expect(csvPage(['a', 'b'], [['2', 'x,y']], false)).toBe('2,"x,y"\r\n')
    expect(csvPage(['a'], [], false)).toBe('')
  })

  it('write bookings in China time', () => {
    const cells = bookingCells({
      day: '2026-11-28',
      startsAt: new Date('2026-11-28T01:00:00Z'),
      endsAt: new Date('2026-11-28T01:30:00Z'),
      service: '磨刀',
      scopeName: '绿庭尚城 1号楼',
      place: '楼道',
      code: 'A1',
      building: '绿庭尚城 1号楼',
      unit: 1,
      room: '502',
      name: '李阿姨',
      proxy: false,
      status: 'attended',
      checkedInAt: null,
    })
    expect(cells.slice(0, 3)).toEqual(['2026-11-28', '09:00', '09:30'])
    expect(cells[12]).toBe('已到场')
  })

  it('show a leader only the badges residents see', () => {
    expect(partyColumnFor('verified', true, false)).toBe('shown')
    expect(partyColumnFor('verified', false, false)).toBeNull()
    expect(partyColumnFor('pending', false, false)).toBeNull()
    expect(partyColumnFor('pending', false, true)).toBe('pending')
    expect(partyColumnFor(null, false, true)).toBeNull()
  })
})
