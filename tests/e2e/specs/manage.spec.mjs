// 社区管理 in a browser: 周书记 (demo-admin) opens the management hub, imports a building by pasting a CSV (a preview
// with a row-level problem first, then the fixed file), sees it in the buildings list; a newcomer asks to live there
// and the admin approves them from the hub's "waiting" count; then the admin exports volunteer hours as a CSV file.
// Along the way the dashboard, people and audit pages are opened and photographed for review.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { openAs, screenshot as capture, seeText, tapButton as tap } from '../harness.mjs'

/** After a page change Taro slides the new page in: photograph it once it has come to rest. */
async function screenshot(page, name) {
  await page.waitForTimeout(400)
  return capture(page, name)
}

async function must(runtime, openid, fn, action, input) {
  const result = await runtime.call(openid, fn, action, input)
  assert.equal(result.ok, true, `${fn}.${action}: ${JSON.stringify(result.error)}`)
  return result.data
}

export default [
  {
    name: 'an admin imports a building, approves a resident and exports volunteer hours',
    async run({ browser, runtime }) {
      const page = await openAs(browser, runtime, 'demo-admin')

      // 1. The hub: what is waiting, and the doors.
      await page.goto_('packages/manage/index')
      await seeText(page, '等您处理')
      await seeText(page, '没有等待审核的住址')
      await screenshot(page, 'manage-1-hub')

      // 2. Import: a file with a problem is previewed and refused row by row; the fixed one is imported.
      await tap(page, '楼栋与住户')
      await seeText(page, '每栋楼有多少户')
      await seeText(page, '贝尚湾')
      await screenshot(page, 'manage-2-buildings')
      await tap(page, '一次添加很多楼栋')
      await seeText(page, '每行一栋楼')
      const text = page.locator('taro-textarea-core textarea, textarea').filter({ visible: true }).first()
      await text.fill('小区,楼栋,单元数,层数,每层户数\n九里亭花园,1号楼,2,6,两\n')
      await tap(page, '预览')
      await seeText(page, '发现 1 处问题')
      await seeText(page, '第 2 行 · 每层户数：不是整数')
      await screenshot(page, 'manage-3-import-problem')
      assert.equal(await page.locator('taro-button-core, button').filter({ hasText: '确认导入' }).count(), 0)

      await text.fill('小区,楼栋,单元数,层数,每层户数\n九里亭花园,1号楼,2,6,2\n')
      await seeText(page, '内容改过了')
      await tap(page, '预览')
      await seeText(page, '可以导入 1 栋楼，共 24 户。')
      await seeText(page, '其中会新建 1 个小区。')
      await screenshot(page, 'manage-4-import-preview')
      await tap(page, '确认导入 1 栋楼')
      await seeText(page, '导入完成：1 栋楼，共 24 户。')
      await seeText(page, '✓ 已导入')
      await screenshot(page, 'manage-5-imported')

      const areas = await must(runtime, 'demo-admin', 'community', 'areas.list', {})
      const area = areas.find((item) => item.name === '九里亭花园')
      assert.ok(area, 'the new estate exists')
      const [building] = await must(runtime, 'demo-admin', 'community', 'buildings.list', { areaId: area.id })
      assert.equal(building.name, '1号楼')

      await tap(page, '查看楼栋')
      await seeText(page, '九里亭花园')
      await tap(page, '九里亭花园')
      await seeText(page, '共 24 户 · 已入住 0 户 · 认证居民 0 人')
      await screenshot(page, 'manage-6-occupancy')

      // 3. A newcomer asks to live in the new building; the admin sees it waiting and approves it.
      await must(runtime, 'e2e-newcomer', 'account', 'consent.grant', { purpose: 'app', version: '2026-11-27' })
      await must(runtime, 'e2e-newcomer', 'account', 'profile.update', { nickname: '小周' })
      const requested = await must(runtime, 'e2e-newcomer', 'community', 'residency.request', { householdId: `${building.id}-2-302` })
      await page.goto_('packages/manage/index')
      await seeText(page, '1 位居民的住址等待审核')
      await tap(page, '1 位居民的住址等待审核')
      await seeText(page, '小周')
      await seeText(page, '九里亭花园 1号楼 2单元 302室')
      await screenshot(page, 'manage-7-queue')
      await tap(page, '✓ 通过')
      await seeText(page, '已通过：小周')
      const me = await must(runtime, 'e2e-newcomer', 'account', 'me', {})
      assert.equal(me.residencies.find((home) => home.id === requested.id)?.status, 'verified')

      // 4. The dashboard and the people page, for the record.
      await page.goto_('packages/manage/dashboard/index')
      await seeText(page, '每周预约和到场')
      await seeText(page, '各队志愿时长')
      await seeText(page, '亮身份覆盖')
      await screenshot(page, 'manage-8-dashboard')
      await page.goto_('packages/manage/people/index')
      await page.locator('taro-input-core input, input').filter({ visible: true }).first().fill('张')
      await tap(page, '搜索')
      await seeText(page, '张老师')
      await seeText(page, '楼组长 · 绿庭尚城 1号楼')
      await screenshot(page, 'manage-9-people')

      // 5. Volunteer hours as a CSV file: prepared page by page, then downloaded.
      await page.goto_('packages/manage/exports/index')
      await seeText(page, '导出的 CSV 文件')
      await tap(page, '志愿时长')
      await tap(page, '近 90 天')
      await tap(page, '准备文件')
      await seeText(page, '文件已准备好')
      await screenshot(page, 'manage-10-export')
      const [download] = await Promise.all([page.waitForEvent('download'), tap(page, '下载文件')])
      const file = fs.readFileSync(await download.path(), 'utf8')
      assert.match(download.suggestedFilename(), /^志愿时长_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/)
      const lines = file.replace(/^\uFEFF/, '').trim().split(/\r\n/)
      assert.equal(lines[0], '姓名,服务日期,开始时间,结束时间,服务时长（小时）,项目名称,组织名称,服务地点')
      assert.ok(lines.length > 1, 'the file has hours in it')
      assert.doesNotMatch(file, /demo-/, 'no openid in the file')
      await seeText(page, '已下载')

      // 6. The audit log has the import, the approval and the export, and filters by person.
      await page.goto_('packages/manage/audit/index')
      await seeText(page, '导入楼栋')
      await seeText(page, '导出志愿时长')
      await tap(page, '周书记（')
      await seeText(page, '✓ 周书记（')
      await screenshot(page, 'manage-11-audit')

      assert.deepEqual(page.errors, [])
      await page.context().close()
    },
  },
]
