import {
  checkDisplayName,
  findPersonalData,
  fulfilmentDayProblem,
  isPhotoOf,
  isShown,
  normaliseForCheck,
  photoProblem,
  sniffPhotoType,
  thankId,
  visibleAs,
  type Viewer,
} from './household'

const building = { id: 'ltsc-1', areaId: 'ltsc' }
const nobody: Viewer = { admin: false, leads: [], homes: [] }
const resident: Viewer = { ...nobody, homes: [{ householdId: 'ltsc-1-1-502', buildingId: 'ltsc-1', areaId: 'ltsc' }] }
const areaNeighbour: Viewer = { ...nobody, homes: [{ householdId: 'ltsc-2-1-101', buildingId: 'ltsc-2', areaId: 'ltsc' }] }
const otherArea: Viewer = { ...nobody, homes: [{ householdId: 'bsw-2-1-2105', buildingId: 'bsw-2', areaId: 'bsw' }] }
const leader: Viewer = { ...nobody, leads: [{ buildingId: 'ltsc-1', areaId: 'ltsc' }] }
const areaLeader: Viewer = { ...nobody, leads: [{ buildingId: 'ltsc-3', areaId: 'ltsc' }] }
const admin: Viewer = { ...nobody, admin: true }

describe('who sees a building’s party-member households', () => {
  it.each([
    ['a verified resident of the building', resident, 'resident'],
    ['its building leader', leader, 'leader'],
    ['a community admin', admin, 'admin'],
    ['a resident of another building in the area', areaNeighbour, null],
    ['a leader of another building in the area', areaLeader, null],
    ['a resident of another area', otherArea, null],
    ['someone with no verified home and no role', nobody, null],
  ] as const)('by default: %s → %s', (_who, viewer, expected) => {
    expect(visibleAs(viewer, building, false)).toBe(expected)
  })

  it.each([
    ['a resident of another building in the area', areaNeighbour, 'area_resident'],
    ['a leader of another building in the area', areaLeader, 'area_leader'],
    ['a resident of another area', otherArea, null],
    ['someone with no verified home and no role', nobody, null],
    ['a verified resident of the building', resident, 'resident'],
  ] as const)('with the area widened: %s → %s', (_who, viewer, expected) => {
    expect(visibleAs(viewer, building, true)).toBe(expected)
  })
})

describe('a household is shown only while every condition holds', () => {
  const all = { status: 'verified' as const, published: true, publisherConsents: true, publisherLivesThere: true }
  it('shows a verified, published household whose publisher consents and lives there', () => {
    expect(isShown(all)).toBe(true)
  })
  it.each([
    ['pending', { ...all, status: 'pending' as const }],
    ['refused', { ...all, status: 'rejected' as const }],
    ['withdrawn by the household', { ...all, published: false }],
    ['consent withdrawn', { ...all, publisherConsents: false }],
    ['publisher moved out', { ...all, publisherLivesThere: false }],
  ])('hides it when %s', (_why, state) => {
    expect(isShown(state)).toBe(false)
  })
})

describe('display names say which home, never who', () => {
  it.each(['502 王家', '王家', '601 幸福之家', '欧阳家', '502 王叔叔家', '2105 김씨네', '2105 Kim family', '1203 红色家庭'])('accepts %s', (name) => {
    expect(checkDisplayName(name)).toEqual({ ok: true, value: name })
  })

  it('tidies spaces', () => {
    expect(checkDisplayName('  502   王家 ')).toEqual({ ok: true, value: '502 王家' })
  })

  it.each([
    ['王', 'length'],
    ['一二三四五六七八九十一二三四五六七', 'length'],
    ['王家 13812345678', 'phone'],
    ['王家 138-1234-5678', 'phone'],
    ['王家 021-57681234', 'phone'],
    ['王家 31010119900101123X', 'id_number'],
    ['王家 wang@example.com', 'contact'],
    ['王家 微信号 wj1968', 'contact'],
    ['王金梅家', 'full_name'],
    ['502 王金梅', 'full_name'],
    ['502 李明', 'full_name'],
    ['2105 김민지', 'full_name'],
    ['幸福美满', 'not_household'],
  ] as const)('refuses %s (%s)', (name, problem) => {
    expect(checkDisplayName(name)).toEqual({ ok: false, problem })
  })
})

describe('contact details in pledges and notes', () => {
  it('finds phone numbers however they are written', () => {
    expect(findPersonalData('有事打 13912345678')).toBe('phone')
    expect(findPersonalData('有事打 139 1234 5678')).toBe('phone')
    expect(findPersonalData('座机 57681234')).toBe('phone')
  })

  it('leaves dates, times, room numbers and a mention of WeChat alone', () => {
    expect(findPersonalData('2026-11-27 上午 9:30 清扫 1 到 6 楼楼道，502 室帮忙')).toBeNull()
    expect(findPersonalData('2026年11月27日 教老人用微信视频通话')).toBeNull()
  })

  it('finds e-mails, links and WeChat ids', () => {
    expect(findPersonalData('见 https://example.com')).toBe('contact')
    expect(findPersonalData('加微信 abc')).toBe('contact')
  })
})

describe('phone numbers in disguise (seeded property test)', () => {
  // FUZZ_SEED replays a failure; the default keeps every run the same.
  const seed = Number(process.env.FUZZ_SEED ?? 20261206) >>> 0
  function random(start: number): () => number {
    let state = start
    return () => {
      state = (state + 0x6d2b79f5) >>> 0
      let t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
  const next = random(seed)
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
  const digits = (count: number, first = '0123456789') => pick([...first]) + Array.from({ length: count - 1 }, () => pick([...'0123456789'])).join('')

  /** Mainland mobiles, landlines with their area code, and a local landline number alone. */
  function phone(): { digits: string; whole: boolean } {
    const kind = pick(['mobile', 'mobile', 'landline', 'local'] as const)
    if (kind === 'mobile') return { digits: `1${pick([...'3456789'])}${digits(9)}`, whole: true }
    if (kind === 'landline') {
      const area = pick(['010', '020', '021', '022', '023', '0571', '0755', '0512'])
      return { digits: area + digits(area.length === 3 ? 8 : pick([7, 8]), '2345678'), whole: true }
    }
    return { digits: digits(8, '2345678'), whole: false }
  }

  const JOINERS = [' ', '-', '.', '/', '(', ')', '[', ']', '_', '~', '+', '·', '\u3000', '－', '．', '／', '（', '）', '【', '】', '—', '–', '−', '・', '〜']
  const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', '\u202a', '\u2063']
  const HAN = ['〇一二三四五六七八九', '零幺两三四五六七八九', '零壹贰叁肆伍陆柒捌玖']
  const BEFORE = ['', '有事打', '电话 ', '联系我：', '欢迎来坐坐，', 'Call ', '전화 ', '電話：']
  const AFTER = ['', '找我', '。', ' 谢谢', '!', ' 随时欢迎']

  /** The number as someone hiding it might write it: full-width or spoken digits, separators and invisible characters between. */
  function disguise(number: { digits: string; whole: boolean }): string {
    // Spoken numerals are read only as whole numbers (see findPersonalData): a local number alone stays in Arabic digits.
    const han = number.whole && next() < 0.25 ? pick(HAN) : null
    const width = next() < 0.5 ? 0.6 : 0.1
    let out = ''
    for (const [index, char] of [...number.digits].entries()) {
      const value = Number(char)
      if (han && next() < 0.8) out += han[value]
      else if (next() < width) out += String.fromCharCode(0xff10 + value)
      else out += char
      if (index === number.digits.length - 1) continue
      if (next() < 0.35) out += Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(number.whole ? [...JOINERS, '、', '，', ','] : JOINERS)).join('')
      if (next() < 0.25) out += pick(INVISIBLE)
    }
    return pick(BEFORE) + out + pick(AFTER)
  }

  const ROOMS = ['1203', '502 室', '3号楼', '2单元', '1203室', '3 号楼 2 单元 502', '33层']
  const DAYS = ['12月6日', '2026年12月6日', '2026-12-06', '2026.12.6', '12/6', '二〇二六年十二月六日', '每月第二个周六', '周六', '第1、3周']
  const TIMES = ['09:00', '９：３０', '9:30-11:00', '下午3点', '14:00～16:00', '上午 9 点半']
  const COUNTS = ['20 份', '约 30 分钟', '1 到 6 楼', '共 12 户', '3 次', '两三个人', '65 岁以上']
  const FILLERS = ['，', '在', '帮', '。', '、', ' 和 ', '，大约', '之后']

  /** Ordinary notes with ordinary numbers: rooms, buildings, dates, times, counts. */
  function ordinary(): string {
    const parts = Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick([ROOMS, DAYS, TIMES, COUNTS][Math.floor(next() * 4)]))
    return parts.map((part, index) => (index === 0 ? part : pick(FILLERS) + part)).join('') + pick(['', '。', '清扫楼道', '教老人用手机'])
  }

  it(`refuses 500 disguised phone numbers (seed ${seed})`, () => {
    for (let i = 0; i < 500; i++) {
      const text = disguise(phone())
      if (findPersonalData(text) !== 'phone') throw new Error(`let through: ${JSON.stringify(text)} (seed ${seed}, case ${i})`)
      // A display name carrying one is refused for the number, before any other problem.
      expect(checkDisplayName(`502 王家${text}`.slice(0, 40))).toMatchObject({ ok: false })
    }
  })

  it(`accepts 500 ordinary texts with numbers (seed ${seed})`, () => {
    for (let i = 0; i < 500; i++) {
      const text = ordinary()
      if (findPersonalData(text) !== null) throw new Error(`refused: ${JSON.stringify(text)} → ${findPersonalData(text)} (seed ${seed}, case ${i})`)
    }
  })

  it.each([
    '１３８００１３８０００',
    '138\u200b0013\u200b8000',
    '138/0013/8000',
    '1 3 8 - 0 0 1 3 . 8 0 0 0',
    '(021) 5768-1234',
    '（０２１）５７６８－１２３４',
    '021／5768／1234',
    '+86 138 0013 8000',
    '一三八〇〇一三八〇〇〇',
    '幺三八 零零幺三 八零零零',
    '138零零13八000',
    '021、5768、1234',
    '①③⑧⓪⓪①③⑧⓪⓪⓪',
    '1380-01-38000',
    '1958-1-3 80013',
    '5768\u00ad1234',
  ])('refuses %j', (text) => {
    expect(findPersonalData(text)).toBe('phone')
  })

  it.each(['1203', '3号楼', '12月6日', '09:00', '每月第二个周六', '帮助502、601、1203的老人', '一二三四五六七', '2026/12/06 09:00-11:30 在3号楼1203室', '二〇二六年十二月六日'])('accepts %j', (text) => {
    expect(findPersonalData(text)).toBeNull()
  })

  it('reads the text as it is seen, keeping the stored text as typed', () => {
    expect(normaliseForCheck('１３８\u200b００')).toBe('13800')
    expect(normaliseForCheck('微\u200d信号')).toBe('微信号')
    expect(findPersonalData('加\u200b微\u200b信 abc')).toBe('contact')
    expect(findPersonalData('ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('contact')
  })
})

describe('fulfilment days', () => {
  it('accepts today and the last year, refuses the future, older days and non-dates', () => {
    expect(fulfilmentDayProblem('2026-11-27', '2026-11-27')).toBeNull()
    expect(fulfilmentDayProblem('2025-11-27', '2026-11-27')).toBeNull()
    expect(fulfilmentDayProblem('2026-11-28', '2026-11-27')).toBe('future')
    expect(fulfilmentDayProblem('2025-11-01', '2026-11-27')).toBe('too_old')
    expect(fulfilmentDayProblem('2026-02-30', '2026-11-27')).toBe('invalid')
    expect(fulfilmentDayProblem('27/11/2026', '2026-11-27')).toBe('invalid')
  })
})

describe('photos', () => {
  it('limits type, size and count', () => {
    expect(photoProblem({ type: 'image/jpeg', bytes: 300_000 }, 0)).toBeNull()
    expect(photoProblem({ type: 'image/gif', bytes: 300_000 }, 0)).toBe('type')
    expect(photoProblem({ type: 'image/png', bytes: 3 * 1024 * 1024 }, 0)).toBe('size')
    expect(photoProblem({ type: 'image/png', bytes: 0 }, 0)).toBe('size')
    expect(photoProblem({ type: 'image/png', bytes: 1000 }, 3)).toBe('count')
  })

  it('tells JPEG and PNG by their first bytes', () => {
    expect(sniffPhotoType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(sniffPhotoType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png')
    expect(sniffPhotoType(new Uint8Array([0x47, 0x49, 0x46, 0x38]))).toBeNull()
  })

  it('accepts only file ids in the household’s own folder', () => {
    expect(isPhotoOf('cloud://env-1.abc/household/ltsc-1-1-601/a.jpg', 'ltsc-1-1-601')).toBe(true)
    expect(isPhotoOf('cloud://local/household/ltsc-1-1-601/a.jpg', 'ltsc-1-1-601')).toBe(true)
    expect(isPhotoOf('cloud://env-1.abc/household/ltsc-1-1-402/a.jpg', 'ltsc-1-1-601')).toBe(false)
    expect(isPhotoOf('cloud://env-1.abc/household/ltsc-1-1-601/../402/a.jpg', 'ltsc-1-1-601')).toBe(false)
    expect(isPhotoOf('https://example.com/household/ltsc-1-1-601/a.jpg', 'ltsc-1-1-601')).toBe(false)
    // Issue 20: anchored, not a substring — another household's file with 601's folder appended is not 601's.
    expect(isPhotoOf('cloud://env-1.abc/household/ltsc-1-1-402/a.jpg?/household/ltsc-1-1-601/', 'ltsc-1-1-601')).toBe(false)
    expect(isPhotoOf('cloud://env-1.abc/household/ltsc-1-1-402/household/ltsc-1-1-601/a.jpg', 'ltsc-1-1-601')).toBe(false)
    expect(isPhotoOf('cloud://env-1.abc/household/ltsc-1-1-601/a.jpg#x', 'ltsc-1-1-601')).toBe(false)
    expect(isPhotoOf('cloud://env-1.abc/household/ltsc-1-1-601/a.gif', 'ltsc-1-1-601')).toBe(false)
    expect(isPhotoOf('cloud://local/household/ltsc-1-1-601/mir2k3-a1b2c3d4e5f6.png', 'ltsc-1-1-601')).toBe(true)
  })
})

it('one thank per neighbour per entry has one id', () => {
  expect(thankId('e1', 'demo-resident')).toBe(thankId('e1', 'demo-resident'))
  expect(thankId('e1', 'demo-resident')).not.toBe(thankId('e1', 'demo-leader'))
})
