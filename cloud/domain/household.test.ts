import {
  checkDisplayName,
  findPersonalData,
  fulfilmentDayProblem,
  isPhotoOf,
  isShown,
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
  })
})

it('one thank per neighbour per entry has one id', () => {
  expect(thankId('e1', 'demo-resident')).toBe(thankId('e1', 'demo-resident'))
  expect(thankId('e1', 'demo-resident')).not.toBe(thankId('e1', 'demo-leader'))
})
