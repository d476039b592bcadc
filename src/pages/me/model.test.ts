import { loadDevUsers, myHomes, parseDevUsers, STATUS_LOOK } from './model'
import { home, resident } from '../../../tests/app/fixtures'

describe('myHomes', () => {
  it('lists working homes first, then waiting, then closed ones', () => {
    const me = { ...resident, residencies: [home('lt-3', 1, '101', 'left'), home('lt-3', 2, '1203', 'pending'), home('bsw-2', 1, '2105', 'rejected'), home('ltsc-1', 1, '502')] }
    expect(myHomes(me).map((item) => item.status)).toEqual(['verified', 'pending', 'rejected', 'left'])
  })
})

describe('STATUS_LOOK', () => {
  it('gives every status its own glyph, so colour is never the only signal', () => {
    const glyphs = Object.values(STATUS_LOOK).map((look) => look.glyph)
    expect(new Set(glyphs).size).toBe(glyphs.length)
  })
})

describe('parseDevUsers', () => {
  it('accepts the runtime’s list of demo users', () => {
    expect(parseDevUsers([{ openid: 'demo-resident', name: '李阿姨', description: '居民' }])).toEqual([{ openid: 'demo-resident', name: '李阿姨', description: '居民' }])
  })

  it('hides the switcher for anything else', () => {
    expect(parseDevUsers({ ok: false, error: { code: 'NOT_FOUND' } })).toBeNull()
    expect(parseDevUsers([])).toBeNull()
    expect(parseDevUsers([{ openid: 1 }])).toBeNull()
  })
})

describe('loadDevUsers', () => {
  const respond = (status: number, contentType: string, body: unknown) =>
    jest.fn(async () => ({ ok: status < 400, status, headers: { get: () => contentType }, json: async () => body }) as unknown as Response)

  it('reads the list when dev mode is on', async () => {
    expect(await loadDevUsers(respond(200, 'application/json; charset=utf-8', [{ openid: 'demo-admin', name: '周书记', description: '管理员' }]))).toHaveLength(1)
  })

  it('gives nothing on 404, on the H5 page served in its place, or offline', async () => {
    expect(await loadDevUsers(respond(404, 'application/json', { ok: false }))).toBeNull()
    expect(await loadDevUsers(respond(200, 'text/html', '<!DOCTYPE html>'))).toBeNull()
    expect(await loadDevUsers(jest.fn(async () => Promise.reject(new TypeError('offline'))))).toBeNull()
  })
})
