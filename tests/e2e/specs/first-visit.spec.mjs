// A first visit that works (issue 13): a browser with empty storage opening the H5 app gets its own identity, as WeChat
// gives every caller an OPENID, and walks the newcomer path — privacy agreement, then joining a building — with no
// error on the way. The identity survives a reload. A network failure and a call with no answer name their cause and
// offer a retry that works. A newcomer who opens a shared session (issue 19) goes through the agreement and joining
// and comes back to that session, where they can book.
import assert from 'node:assert/strict'
import { openAs, screenshot, seeText, stairwellSession, tapButton, visible } from '../harness.mjs'

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Taps the visible button whose whole text is `text` (同意, not 不同意). */
async function tapExact(page, text) {
  await visible(page, text, true).waitFor({ state: 'visible', timeout: 10000 })
  await page.locator('taro-button-core').filter({ hasText: new RegExp(`^\\s*${escape(text)}\\s*$`) }).filter({ visible: true }).first().click()
}

const OWN_KEY = 'linliting.devOpenid.own'
/** Words of any error state: none may show on a first visit. */
const ERROR_WORDS = ['没能打开', '网络不太好', '暂时没能确认', '没有收到您的身份', '系统出了点问题', '等了 15 秒']

async function ownIdentity(page) {
  const raw = await page.evaluate((key) => window.localStorage.getItem(key), OWN_KEY)
  return raw ? JSON.parse(raw).data : null
}

/** The page on screen shows no error state and no error words. */
async function assertNoError(page, where) {
  const text = await page.evaluate(() => {
    const shown = [...document.querySelectorAll('.taro_page')].find((candidate) => getComputedStyle(candidate).display !== 'none')
    return { text: shown?.textContent ?? '', failed: !!shown?.querySelector('.status--error') }
  })
  assert.equal(text.failed, false, `${where} shows an error state: ${text.text.slice(0, 200)}`)
  for (const words of ERROR_WORDS) assert.ok(!text.text.includes(words), `${where} says "${words}"`)
}

export default [
  {
    name: 'a newcomer who opens a shared session agrees, joins with an invite code and lands on the session',
    async run({ browser, runtime }) {
      // The card a neighbour shared: a session of 1号楼 (its path as useShareCard gives it), and a code for an empty room.
      const sharedPath = `packages/service/session/index?id=${(await stairwellSession(runtime, 3)).id}`
      const invite = await runtime.call('demo-admin', 'community', 'invite.issue', { buildingId: 'ltsc-1', householdId: 'ltsc-1-2-402', maxUses: 1, days: 7 })
      assert.equal(invite.ok, true, JSON.stringify(invite.error))

      const page = await openAs(browser, runtime, null)
      await page.goto_(sharedPath)
      await seeText(page, '1号楼 东门口')
      await assertNoError(page, 'the shared session')
      await screenshot(page, 'first-visit-shared-session')
      await tapButton(page, '隐私说明')
      await seeText(page, '使用本程序')
      assert.match(decodeURIComponent(page.url()), new RegExp(`next=/${escape(sharedPath)}`), 'the privacy page carries the session as next')
      await page.locator('#consent-app').locator('taro-button-core').filter({ hasText: /^同意$/ }).click()
      await tapButton(page, '下一步：绑定我的住址')
      await seeText(page, '第 1 步：选择小区')
      assert.match(decodeURIComponent(page.url()), new RegExp(`next=/${escape(sharedPath)}`), 'the join page carries the session as next')
      await tapButton(page, '绿庭尚城')
      await tapButton(page, '1号楼')
      await tapExact(page, '2 单元')
      await tapExact(page, '402')
      const code = page.locator('taro-input-core[placeholder="输入 8 位邀请码"] input').filter({ visible: true }).first()
      await code.waitFor({ state: 'visible', timeout: 10000 })
      await code.fill(invite.data.code)
      // The button is enabled once the code reaches the page's state (Taro's H5 input reports it a moment later).
      await page.locator('taro-button-core:not([aria-disabled="true"])').filter({ hasText: '用邀请码认证' }).filter({ visible: true }).first().click()

      // Joined: the app goes back to the shared session by itself, where the newcomer can now book.
      await page.waitForURL((url) => url.hash.startsWith(`#/${sharedPath}`) && !url.hash.includes('account'), { timeout: 10000 })
      await seeText(page, '1号楼 东门口')
      // Before, 预约 was greyed out under 查看隐私说明; now it books.
      const book = page.locator('taro-button-core:not([aria-disabled="true"])').filter({ hasText: /^\s*预约\s*$/ }).filter({ visible: true }).first()
      await book.waitFor({ state: 'visible', timeout: 10000 })
      assert.equal(await visible(page, '隐私说明').count(), 0, 'the session no longer asks for the agreement')
      await assertNoError(page, 'the session after joining')
      await book.click()
      await seeText(page, '✓ 已预约')
      await page.waitForTimeout(400)
      await screenshot(page, 'first-visit-shared-session-booked')
      const openid = await ownIdentity(page)
      const me = await runtime.call(openid, 'account', 'me', {})
      assert.deepEqual(me.data.residencies.map((home) => [home.householdId, home.status]), [['ltsc-1-2-402', 'verified']])
      assert.deepEqual(page.errors, [])
      await page.context().close()
    },
  },
  {
    name: 'a first visit with empty storage gets its own identity, agrees to the privacy notice and reaches the join page without an error',
    async run({ browser, runtime }) {
      const page = await openAs(browser, runtime, null)
      await page.goto_('pages/home/index')
      await seeText(page, '先看一下隐私说明')
      await assertNoError(page, '首页')
      const openid = await ownIdentity(page)
      assert.match(openid ?? '', /^h5-[a-z0-9]{16}$/, 'the app made its own identity')
      await screenshot(page, 'first-visit-home')

      // The other tabs answer the newcomer in words, none of them an error or an endless "loading".
      await page.goto_('pages/building/index')
      await seeText(page, '楼栋只对本楼已认证的居民开放')
      await assertNoError(page, '楼栋')
      await screenshot(page, 'first-visit-building')
      await page.goto_('pages/services/index')
      await seeText(page, '磨刀')
      await assertNoError(page, '服务')
      await screenshot(page, 'first-visit-services')

      await page.goto_('pages/home/index')
      await tapButton(page, '查看并同意')
      await seeText(page, '使用本程序')
      await page.locator('#consent-app').locator('taro-button-core').filter({ hasText: /^同意$/ }).click()
      await seeText(page, '下一步：绑定我的住址')
      await tapButton(page, '下一步：绑定我的住址')
      await seeText(page, '第 1 步：选择小区')
      await seeText(page, '绿庭尚城')
      await assertNoError(page, '绑定我的住址')
      await screenshot(page, 'first-visit-join')

      // The consent was given by this browser's identity, and a reload keeps it: the privacy card is gone for good.
      const me = await runtime.call(openid, 'account', 'me', {})
      assert.equal(me.data.consents.find((consent) => consent.purpose === 'app').granted, true)
      await page.reload()
      await page.goto_('pages/home/index')
      await seeText(page, '绑定我的房屋')
      assert.equal(await ownIdentity(page), openid, 'the identity survives a reload')
      assert.equal(await visible(page, '先看一下隐私说明').count(), 0, 'agreed once, not asked again')
      await assertNoError(page, '首页 after a reload')
      assert.deepEqual(page.errors, [])
      await page.context().close()
    },
  },
  {
    name: 'a network failure names its cause and the retry works',
    async run({ browser, runtime }) {
      const page = await openAs(browser, runtime, null)
      const offline = (route) => route.abort('internetdisconnected')
      await page.route('**/fn/account', offline)
      await page.goto_('pages/home/index')
      await seeText(page, '网络不太好，请检查网络后再试。')
      await seeText(page, '没能打开')
      await screenshot(page, 'first-visit-offline')
      await page.unroute('**/fn/account', offline)
      await tapButton(page, '再试一次')
      await seeText(page, '先看一下隐私说明')
      await assertNoError(page, '首页 after retrying')
      await page.context().close()
    },
  },
  {
    name: 'a call that never answers ends after 15 s in words and a retry, not an endless "loading"',
    async run({ browser, runtime }) {
      const page = await openAs(browser, runtime, null)
      await page.clock.install()
      const held = []
      const hold = (route) => void held.push(route)
      await page.route('**/fn/service', hold)
      await page.goto_('pages/services/index')
      await seeText(page, '正在加载…')
      assert.ok(held.length > 0, 'the service call was sent and is held')
      await page.clock.fastForward(14000)
      assert.equal(await visible(page, '等了 15 秒').count(), 0, 'still waiting before 15 s')
      await page.clock.fastForward(1500)
      await seeText(page, '等了 15 秒还没有收到回应，可能是网络太慢。请再试一次。')
      await screenshot(page, 'first-visit-timeout')
      await page.unroute('**/fn/service', hold)
      await tapButton(page, '再试一次')
      await seeText(page, '磨刀')
      await assertNoError(page, '服务 after retrying')
      for (const route of held) await route.abort().catch(() => undefined)
      await page.context().close()
    },
  },
]
