// 挂牌亮身份 in a browser, clicked through as people would: 李阿姨 (502) applies for her household, the 党总支 admin
// verifies it, she consents and publishes, adds a pledge and records a kept pledge with a photo; her neighbour 王叔叔
// (601) sees the badge on the 楼栋 grid, opens the card and thanks the entry — once. Then she withdraws in one tap and
// the badge is gone for him at once.
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { openAs, screenshot, seeText, tapButton as tap } from '../harness.mjs'

/** A real 64 × 64 PNG (red and white stripes), made here: the page decodes it, compresses it to JPEG and uploads it. */
function stripesPng(size = 64) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc32 = (bytes) => {
    let c = 0xffffffff
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), body.length + 4)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const rows = []
  for (let y = 0; y < size; y++) {
    const row = [0]
    for (let x = 0; x < size; x++) row.push(...(Math.floor(y / 8) % 2 ? [255, 255, 255] : [179, 38, 30]))
    rows.push(Buffer.from(row))
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))])
}
const PNG = stripesPng()

/** Taro's H5 Input and Textarea wrap a native field: type into that one. */
async function fillField(page, label, value, kind = 'input') {
  const field = page.locator(`taro-${kind}-core[aria-label="${label}"] ${kind}, ${kind}[aria-label="${label}"]`).first()
  await field.fill(value)
}

export default [
  {
    name: 'a household applies, is verified, publishes a pledge and records fulfilment; a neighbour sees and thanks it',
    async run({ browser, runtime }) {
      // 1. 李阿姨 applies, from the 楼栋 tab.
      const resident = await openAs(browser, runtime, 'demo-resident')
      await resident.goto_('pages/building/index')
      await seeText(resident, '本楼 5 户党员家庭亮身份')
      await tap(resident, '我家亮身份')
      await seeText(resident, '这一户还没有申请挂牌亮身份')
      await tap(resident, '申请挂牌亮身份')
      await seeText(resident, '名称（邻居看到的称呼）')
      // A full name is refused on the phone, before anything is sent.
      await fillField(resident, '名称（邻居看到的称呼）', '502 李秀英')
      await tap(resident, '提交申请')
      await seeText(resident, '请不要写全名')
      await fillField(resident, '名称（邻居看到的称呼）', '502 李家')
      await fillField(resident, '简短介绍（可不填）', '退休护士，量血压可以来找我。', 'textarea')
      await tap(resident, '提交申请')
      await seeText(resident, '已提交')
      await screenshot(resident, 'household-1-applied')
      await tap(resident, '去“我家亮身份”')
      await seeText(resident, '等待社区党总支审核')

      // 2. The 党总支 admin verifies it from the queue.
      const admin = await openAs(browser, runtime, 'demo-admin')
      await admin.goto_('packages/household/review/index')
      await seeText(admin, '502 李家')
      await screenshot(admin, 'household-2-queue')
      const card = admin.locator('.card').filter({ hasText: '502 李家' }).first()
      await card.getByText('✓ 通过').click()
      await seeText(admin, '✓ 已通过：502 李家')
      await admin.context().close()

      // 3. She gives the separate consent and publishes, adds a pledge, records a kept pledge with a photo.
      await resident.goto_('packages/household/mine/index')
      await seeText(resident, '已通过社区审核')
      await seeText(resident, '公开前，请您单独同意')
      await tap(resident, '我同意，公开我家')
      await seeText(resident, '正在公开')
      await tap(resident, '＋ 添加一条承诺')
      await tap(resident, '环境卫生')
      await fillField(resident, '承诺内容', '每周六上午清扫本单元楼道', 'textarea')
      await tap(resident, '保存')
      await seeText(resident, '有效承诺 1 条')
      await fillField(resident, '做了什么', '清扫了 1 单元 1 到 6 楼楼道', 'textarea')
      await tap(resident, '每周六上午清扫本单元楼道')
      const [chooser] = await Promise.all([resident.waitForEvent('filechooser'), tap(resident, '＋ 添加照片')])
      await chooser.setFiles({ name: 'stairs.png', mimeType: 'image/png', buffer: PNG })
      await resident.locator('img[aria-label="践诺照片 1"], taro-image-core[aria-label="践诺照片 1"]').first().waitFor({ timeout: 10000 })
      await tap(resident, '保存这条记录')
      await seeText(resident, '已记录')
      await screenshot(resident, 'household-3-mine')

      // 4. 王叔叔 from 601 sees the badge on the grid, opens the card and thanks the entry, once.
      const neighbour = await openAs(browser, runtime, 'demo-party')
      await neighbour.goto_('pages/building/index')
      await seeText(neighbour, '本楼 6 户党员家庭亮身份')
      const cell = neighbour.locator('.household-room', { hasText: '502' }).first()
      await cell.getByText('党员户').waitFor()
      await screenshot(neighbour, 'household-4-grid')
      await cell.click()
      await seeText(neighbour, '502 李家')
      await seeText(neighbour, '每周六上午清扫本单元楼道')
      await seeText(neighbour, '清扫了 1 单元 1 到 6 楼楼道')
      const text = await neighbour.locator('body').innerText()
      assert.ok(!text.includes('李阿姨'), 'the card must not show a member’s name')
      const entry = neighbour.locator('.household-entry', { hasText: '清扫了 1 单元' }).first()
      assert.equal(await entry.locator('img').count(), 1, 'the photo is on the card')
      await entry.getByText('谢谢您').click()
      await entry.getByText('✓ 已致谢').waitFor()
      await entry.getByText('1 位邻居致谢').waitFor()
      await screenshot(neighbour, 'household-5-thanked')
      // Once each: after a reload the button stays "thanked", and the server refuses a second count.
      await neighbour.reload()
      await seeText(neighbour, '502 李家')
      const again = neighbour.locator('.household-entry', { hasText: '清扫了 1 单元' }).first()
      await again.getByText('✓ 已致谢').waitFor()
      await again.getByText('1 位邻居致谢').waitFor()

      // 5. She withdraws with one tap; for him the badge is gone at once.
      await resident.goto_('packages/household/mine/index')
      await tap(resident, '撤回亮身份')
      await seeText(resident, '已撤回')
      await neighbour.goto_('pages/building/index')
      await seeText(neighbour, '本楼 5 户党员家庭亮身份')
      assert.equal(await neighbour.locator('.household-room', { hasText: '502' }).count(), 0)

      assert.deepEqual(resident.errors, [])
      assert.deepEqual(neighbour.errors, [])
      await resident.context().close()
      await neighbour.context().close()
    },
  },
  {
    name: 'outside the building: "not visible to you" from the function, and no badge anywhere',
    async run({ browser, runtime }) {
      const answer = await runtime.call('demo-korean', 'household', 'badges', { buildingId: 'ltsc-1' })
      assert.equal(answer.ok, false)
      assert.equal(answer.error.code, 'NOT_VISIBLE')
      const page = await openAs(browser, runtime, 'demo-korean', { locale: 'ko' })
      await page.goto_('packages/household/card/index?id=ltsc-1-1-601')
      await seeText(page, '이 동 주민 전용')
      await screenshot(page, 'household-6-not-visible-ko')
      await page.goto_('pages/building/index')
      await seeText(page, '당원 가정: 12세대')
      await screenshot(page, 'household-7-bsw2-ko')
      assert.deepEqual(page.errors, [])
      await page.context().close()
    },
  },
]
