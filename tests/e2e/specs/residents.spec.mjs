// Issue 3 in a browser: a new user goes from the first visit, through the privacy consent and an invite code from
// the building leader, to seeing their own building.
import assert from 'node:assert/strict'
import { openAs, screenshot, visible } from '../harness.mjs'

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Taps the button that carries the text (Taro's H5 button takes the pointer events, not the text inside it). */
async function tap(page, text, exact = false) {
  await visible(page, text, exact).waitFor({ state: 'visible', timeout: 10000 })
  const button = page
    .locator('taro-button-core')
    .filter({ hasText: exact ? new RegExp(`^\\s*${escape(text)}\\s*$`) : text })
    .filter({ visible: true })
    .first()
  await ((await button.count()) > 0 ? button : visible(page, text, exact)).click()
}

export default [
  {
    name: 'a new user consents, binds a home with an invite code and sees their building',
    async run({ browser, runtime }) {
      const invite = await runtime.call('demo-leader', 'community', 'invite.issue', { buildingId: 'ltsc-1', maxUses: 5, days: 7 })
      assert.equal(invite.ok, true)

      const page = await openAs(browser, runtime, 'demo-newcomer')
      await page.goto_('pages/home/index')
      await visible(page, '先看一下隐私说明').waitFor()
      await screenshot(page, 'residents-1-first-visit')
      // Nothing personal exists yet for this person.
      const before = await runtime.call('demo-newcomer', 'account', 'data.export', {})
      assert.equal(Object.values(before.data.data).flat().length, 0)

      await tap(page, '查看并同意')
      await visible(page, '使用本程序').waitFor()
      await screenshot(page, 'residents-2-privacy')
      await tap(page, '同意', true)
      await visible(page, '✓ 已同意').waitFor()
      const me = await runtime.call('demo-newcomer', 'account', 'me', {})
      assert.equal(me.data.consents.find((c) => c.purpose === 'app').granted, true)

      await page.goto_('packages/account/join/index')
      await tap(page, '绿庭尚城')
      await tap(page, '1号楼')
      await tap(page, '2 单元')
      await tap(page, '302')
      await screenshot(page, 'residents-3-room-chosen')
      const code = page.locator('input').filter({ visible: true }).first()
      await code.fill(invite.data.code.toLowerCase())
      await tap(page, '用邀请码认证')
      await visible(page, '认证成功').waitFor()
      await screenshot(page, 'residents-4-joined')
      await tap(page, '查看我的楼栋')
      await visible(page, '我家').waitFor()
      await screenshot(page, 'residents-5-building')
      const mine = await runtime.call('demo-newcomer', 'community', 'building.view', { buildingId: 'ltsc-1' })
      assert.deepEqual(mine.data.myHouseholdIds, ['ltsc-1-2-302'])
      assert.deepEqual(page.errors, [])
      await page.context().close()
    },
  },
]
