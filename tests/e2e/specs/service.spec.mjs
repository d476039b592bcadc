// 便民服务预约 in the browser: two neighbours, one place. 李阿姨 books it from the 服务 tab in two taps, 王叔叔 joins the
// waiting list; 李阿姨 cancels in 我的预约 and 王叔叔 is promoted and told (the local outbox stands in for WeChat).
import assert from 'node:assert/strict'
import { openAs, screenshot, seeText, stairwellSession } from '../harness.mjs'

async function tap(page, text) {
  await page.getByText(text, { exact: true }).filter({ visible: true }).first().click()
}

export default [
  {
    name: 'book in two taps, see it in 我的预约, cancel, and the waitlisted neighbour is promoted and told',
    async run({ browser, runtime }) {
      const session = await stairwellSession(runtime, 1)

      // 李阿姨: the 服务 tab lists the session; tap the card, tap 预约.
      const li = await openAs(browser, runtime, 'demo-resident')
      await li.goto_('pages/services/index')
      await seeText(li, '1号楼 东门口')
      await screenshot(li, 'service-tab')
      await li.locator('.upcoming__card', { hasText: '1号楼 东门口' }).first().click()
      await seeText(li, /15:00\u2060?–\u2060?15:30/)
      await screenshot(li, 'service-session')
      await tap(li, '预约')
      await seeText(li, '预约码')
      await seeText(li, '✓ 已预约')
      await screenshot(li, 'service-booked')

      // 王叔叔 opens the same session (as from a shared card): it is full, so he joins the waiting list.
      const wang = await openAs(browser, runtime, 'demo-party')
      await wang.goto_(`packages/service/session/index?id=${session.id}`)
      await seeText(wang, '已约满')
      await tap(wang, '排候补')
      await seeText(wang, '候补第 1 位')
      await tap(wang, '候补成功时通知我')
      await seeText(wang, '候补成功时会通知您')
      await screenshot(wang, 'service-waitlisted')

      // 李阿姨 finds it in 我的预约 and cancels, with a second, inline confirmation (no pop-up).
      await li.goto_('packages/service/mine/index')
      await seeText(li, '1号楼 东门口')
      await seeText(li, '✓ 已预约')
      await screenshot(li, 'service-mine')
      const card = li.locator('[id^="booking-"]').filter({ hasText: '1号楼 东门口' }).filter({ hasText: '已预约' }).first()
      await card.getByText('取消预约', { exact: true }).click()
      await seeText(li, '确定要取消吗')
      await screenshot(li, 'service-cancel-confirm')
      await card.getByText('确定取消', { exact: true }).click()
      await li.locator('[id^="booking-"]').filter({ hasText: '1号楼 东门口' }).filter({ hasText: '✕ 已取消' }).first().waitFor({ timeout: 10000 })
      await screenshot(li, 'service-cancelled')

      // 王叔叔 was promoted automatically and told through a subscribe message.
      await wang.goto_('packages/service/mine/index')
      await seeText(wang, '1号楼 东门口')
      await seeText(wang, '好消息')
      await screenshot(wang, 'service-promoted')
      const outbox = await (await fetch(`${runtime.url}/dev/outbox`, { headers: { 'X-Linliting-Dev': '1' } })).json()
      const notice = outbox.find((item) => item.kind === 'subscribeMessage' && item.payload.touser === 'demo-party')
      assert.ok(notice, 'a promotion notice for 王叔叔 in the outbox')
      assert.equal(notice.payload.data.phrase3.value, '候补成功')

      assert.deepEqual(li.errors, [])
      assert.deepEqual(wang.errors, [])
      await li.context().close()
      await wang.context().close()
    },
  },
  {
    name: 'the provider checks in by typed code and records a reading only the resident then sees',
    async run({ browser, runtime }) {
      // The seed holds a blood-pressure session in 1号楼 within the next hours, with 李阿姨 booked in slot A.
      const mine = await runtime.call('demo-resident', 'service', 'bookings.mine', {})
      const booking = mine.data.find((item) => item.sessionId === 'seed-bp-today')
      assert.ok(booking, '李阿姨 has a booking in the seeded session')

      const leader = await openAs(browser, runtime, 'demo-leader')
      await leader.goto_('packages/service/roster/index?id=seed-bp-today')
      await seeText(leader, '陈奶奶')
      await leader.locator('#checkin-code input, input#checkin-code').first().fill(booking.code.toLowerCase())
      await leader.locator('#checkin-submit').click()
      await seeText(leader, '李阿姨 已签到')
      await screenshot(leader, 'service-roster')
      const form = leader.locator(`#entry-${booking.code}`)
      const inputs = form.locator('input')
      await inputs.nth(0).fill('128')
      await inputs.nth(1).fill('82')
      await form.getByText('保存读数', { exact: true }).click()
      await seeText(leader, '已记录，只有本人能看到')
      const bodyText = await leader.locator('body').innerText()
      assert.ok(!bodyText.includes('128/82'), 'the provider does not see the reading after saving')
      await screenshot(leader, 'service-roster-recorded')

      const li = await openAs(browser, runtime, 'demo-resident')
      await li.goto_('packages/service/readings/index')
      await seeText(li, '128/82 mmHg')
      await seeText(li, '变化趋势')
      await screenshot(li, 'service-readings')

      const create = await openAs(browser, runtime, 'demo-leader')
      await create.goto_('packages/service/create/index')
      await create.waitForTimeout(2500)
      await screenshot(create, 'service-create')
      // The repeat choice reads the chosen day as a monthly rule: 每月第二个周六, 每月最后一个周日 …
      await seeText(create, '每月')
      assert.deepEqual(leader.errors, [])
      assert.deepEqual(li.errors, [])
      assert.deepEqual(create.errors, [])
      for (const page of [leader, li, create]) await page.context().close()
    },
  },
]
