// 志愿服务 in the browser: 小陈 (demo-volunteer) asks to join 环境整治队 and its leader approves; the leader plans a
// shift for this afternoon; 小陈 signs up from the shift page (where a shared card lands), checks in with the rotating
// code from the leader's screen, checks out 47 minutes later (0.75 hours under the published rule), the leader
// confirms, and 小陈 sees the hours and the certificate, whose code the admin then verifies.
// The server's clock is moved forward by tests/e2e/clock.cjs: an hour of volunteering cannot be waited out in a test.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openAs, root, screenshot, startRuntime, seeText, tapButton as tap } from '../harness.mjs'

const CHINA = 8 * 3600_000
const MINUTE = 60_000

/** The instant of today's China wall-clock time hh:mm (today as the real clock says). */
function chinaToday(hh, mm) {
  const day = new Date(Date.now() + CHINA).toISOString().slice(0, 10)
  return { day, at: new Date(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`).getTime() }
}

function clockAt(file, virtual) {
  fs.writeFileSync(file, String(virtual - Date.now()))
}

async function fill(page, label, value) {
  await page.locator(`taro-input-core[aria-label="${label}"] input, input[aria-label="${label}"]`).filter({ visible: true }).first().fill(value)
}

async function readCode(leader, runtime, shiftId) {
  await leader.goto_(`packages/volunteer/roster/index?id=${shiftId}`)
  await seeText(leader, '签到码')
  await tap(leader, '显示签到码')
  const digits = leader.locator('.vol-roster__digits').filter({ visible: true }).first()
  await digits.waitFor({ timeout: 10000 })
  const code = (await digits.innerText()).trim()
  assert.match(code, /^\d{6}$/)
  return code
}

export default [
  {
    name: 'join a team, sign up, check in with the code, check out, see the hours and the certificate',
    async run({ browser }) {
      const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linliting-clock-')), 'offset')
      const { day, at: noon } = chinaToday(13, 40)
      clockAt(clockFile, noon)
      const runtime = await startRuntime({ env: { NODE_OPTIONS: `--require ${path.join(root, 'tests', 'e2e', 'clock.cjs')}`, LINLITING_CLOCK_FILE: clockFile } })
      try {
        // 1. 小陈 asks to join 环境整治队 from its page; the leader approves (through the API, as from their phone).
        const chen = await openAs(browser, runtime, 'demo-volunteer')
        await chen.goto_('pages/volunteer/index')
        await seeText(chen, '我的志愿服务')
        await seeText(chen, '11 小时')
        await screenshot(chen, 'volunteer-tab')
        await chen.goto_('packages/volunteer/team/index?id=clean-up')
        await seeText(chen, '清理楼道堆物')
        // The tab page behind also shows this team's purpose while the team page slides in: wait for the team page's
        // own join button (it appears once the person's homes are known) before tapping it.
        await chen.locator('.vol-team__join').filter({ visible: true }).first().waitFor({ timeout: 20000 })
        await tap(chen, '申请加入')
        await seeText(chen, '已申请加入，等待队长同意', 20000)
        await screenshot(chen, 'volunteer-team-asked')
        const requests = await runtime.call('demo-lead-clean-up', 'volunteer', 'team.requests', { teamId: 'clean-up' })
        assert.deepEqual(requests.data.map((r) => r.name), ['陈晓'])
        const decided = await runtime.call('demo-lead-clean-up', 'volunteer', 'team.decide', { teamId: 'clean-up', volunteerId: 'demo-volunteer', approve: true })
        assert.equal(decided.ok, true, JSON.stringify(decided.error))
        await chen.reload()
        await seeText(chen, '您是本队队员')

        // 2. The leader plans a shift for 14:00–15:00 today.
        const created = await runtime.call('demo-lead-clean-up', 'volunteer', 'shift.create', {
          teamId: 'clean-up', title: '楼道堆物清理', place: '朗庭3号楼 2单元', day, start: '14:00', end: '15:00', capacity: 4,
          requirements: { language: null, training: null, insurance: false, ageHealth: false },
        })
        assert.equal(created.ok, true, JSON.stringify(created.error))
        const shift = created.data[0]

        // 3. 小陈 opens the shift (as from a shared card) and signs up: one tap.
        await chen.goto_(`packages/volunteer/shift/index?id=${shift.id}`)
        await seeText(chen, '朗庭3号楼 2单元')
        await screenshot(chen, 'volunteer-shift')
        await tap(chen, '报名参加')
        await seeText(chen, '报名成功')
        await seeText(chen, '已报名 1/4 人')
        await screenshot(chen, 'volunteer-signed-up')

        // 4. At 14:05 the leader shows the rotating code; 小陈 types it and checks in.
        clockAt(clockFile, noon + 25 * MINUTE)
        const leader = await openAs(browser, runtime, 'demo-lead-clean-up')
        const codeIn = await readCode(leader, runtime, shift.id)
        await screenshot(leader, 'volunteer-roster-code')
        await chen.reload()
        await seeText(chen, '签到和签退')
        await fill(chen, '队长屏幕上的 6 位签到码', codeIn)
        await tap(chen, '签到')
        await seeText(chen, '14:05 已签到')
        await screenshot(chen, 'volunteer-checked-in')

        // 5. At 14:52 (47 minutes on site: three full quarters), a fresh code checks 小陈 out.
        clockAt(clockFile, noon + 72 * MINUTE)
        const codeOut = await readCode(leader, runtime, shift.id)
        assert.notEqual(codeOut, codeIn, 'the code rotates')
        await fill(chen, '队长屏幕上的 6 位签到码', codeIn)
        await tap(chen, '签退')
        await seeText(chen, '签到码不对或已经换了')
        await fill(chen, '队长屏幕上的 6 位签到码', codeOut)
        await tap(chen, '签退')
        await seeText(chen, '14:52 已签退')
        await seeText(chen, '本次记 0.75 小时，等队长确认')
        await screenshot(chen, 'volunteer-checked-out')

        // 6. The leader confirms the shift's hours from the roster.
        await leader.reload()
        await tap(leader, '确认本班次的时长（1 条）')
        await seeText(leader, '已确认 1 条时长')
        await seeText(leader, '✓ 0.75 小时，已确认')
        await screenshot(leader, 'volunteer-roster-confirmed')
        await leader.goto_('packages/volunteer/lead/index')
        await seeText(leader, '楼道堆物清理')
        await screenshot(leader, 'volunteer-lead')

        // 7. 小陈 sees the hours (seeded 11 + 0.75) per team and in the history, then the certificate.
        await chen.goto_('packages/volunteer/mine/index')
        await seeText(chen, '11.75 小时')
        await seeText(chen, '环境整治队')
        await seeText(chen, '每满 15 分钟计 0.25 小时')
        await screenshot(chen, 'volunteer-hours')
        await tap(chen, '生成志愿服务记录证明')
        const image = chen.locator('img[aria-label="志愿服务记录证明图片"], taro-image-core[aria-label="志愿服务记录证明图片"] img').first()
        await image.waitFor({ timeout: 15000 })
        const src = await image.getAttribute('src')
        assert.ok(src?.startsWith('data:image/png;base64,'), 'the certificate is a PNG')
        const width = await image.evaluate((img) => img.naturalWidth)
        assert.equal(width, 1500)
        await seeText(chen, '下载证明图片')
        await screenshot(chen, 'volunteer-certificate')
        fs.mkdirSync(path.join(root, 'tests', 'artifacts', 'e2e'), { recursive: true })
        fs.writeFileSync(path.join(root, 'tests', 'artifacts', 'e2e', 'volunteer-certificate-image.png'), Buffer.from(src.split(',')[1], 'base64'))

        // 8. The admin verifies the certificate's code.
        const exported = await runtime.call('demo-volunteer', 'account', 'data.export', {})
        const code = exported.data.data.volunteer_certificates[0]._id
        const admin = await openAs(browser, runtime, 'demo-admin')
        await admin.goto_('packages/volunteer/admin/index')
        await fill(admin, '证明上的核验码（10 位）', code.replace('-', '').toLowerCase())
        await tap(admin, '核验')
        await seeText(admin, '核验通过')
        await seeText(admin, '姓名：陈晓')
        await seeText(admin, '经确认的时长：11.75 小时')
        await screenshot(admin, 'volunteer-admin-verified')

        for (const page of [chen, leader, admin]) assert.deepEqual(page.errors, [], 'no page errors')
      } finally {
        await runtime.stop()
      }
    },
  },
]
