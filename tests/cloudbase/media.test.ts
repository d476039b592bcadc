import { refuse } from '../../cloud/cloudbase'
import { RISKY_IMAGE_MARKER } from '../../cloud/cloudbase/openapi'
import { failure, localCloud, type Local } from './harness'

/**
 * security.mediaCheckAsync through the real wx-server-sdk: the call answers only a trace id, and the verdict arrives a
 * moment later as WeChat's `wxa_media_check` message push, delivered to the message-push function through the same
 * path as cloud.callFunction (the runtime's invoke handler, i.e. the instance pool).
 */
let local: Local
afterEach(() => local.cloudbase.close())

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])

async function pushed(pushes: { name: string; event: Record<string, unknown> }[], count: number): Promise<void> {
  for (let waited = 0; pushes.length < count; waited += 10) {
    if (waited > 2000) throw new Error(`only ${pushes.length} of ${count} pushes arrived`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function start(options: { messagePushFunction?: string } = {}) {
  local = await localCloud({
    functions: { household: { permissions: { openapi: ['security.mediaCheckAsync'] } }, account: {}, service: {} },
    messagePushDelayMs: 20,
    ...options,
  })
  const pushes: { name: string; event: Record<string, unknown> }[] = []
  local.cloudbase.onInvoke(async (name, event) => {
    if (name !== 'household' && name !== 'account') throw refuse.functionMissing(name)
    pushes.push({ name, event: event as Record<string, unknown> })
    return { ok: true }
  })
  return pushes
}

async function check(cloud: ReturnType<Local['sdkFor']>, cloudPath: string, bytes: Buffer) {
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: bytes })
  const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] })
  return cloud.openapi.security.mediaCheckAsync({ mediaUrl: fileList[0].tempFileURL, mediaType: 2, version: 2, scene: 4, openid: 'o-owner' })
}

test('answers a trace id at once; the verdict comes later as a wxa_media_check push to the function', async () => {
  const pushes = await start()
  const household = local.sdkFor('household')
  const answer = await check(household, 'household/h1/a.png', PNG)
  expect(answer).toMatchObject({ errCode: 0, traceId: expect.stringMatching(/^local-[0-9a-f]{16}$/) })
  expect(answer.result).toBeUndefined()
  // Nothing has been decided yet when the call returns.
  expect(pushes).toEqual([])
  await pushed(pushes, 1)
  expect(pushes[0]).toMatchObject({
    name: 'household',
    event: { MsgType: 'event', Event: 'wxa_media_check', trace_id: answer.traceId, version: 2, errcode: 0, result: { suggest: 'pass', label: 100 } },
  })
  expect(pushes[0].event).not.toHaveProperty('action')
  expect(local.cloudbase.outbox()).toMatchObject([{ kind: 'mediaCheckAsync', function: 'household', payload: { traceId: answer.traceId, suggest: 'pass', scene: 4 } }])
})

test('an image carrying the local risky marker is refused in the push, with its label', async () => {
  const pushes = await start({ messagePushFunction: 'account' })
  const answer = await check(local.sdkFor('household'), 'household/h1/b.png', Buffer.concat([PNG, Buffer.from(RISKY_IMAGE_MARKER)]))
  await pushed(pushes, 1)
  // The environment's message push names one function: the verdict goes there, whoever asked.
  expect(pushes[0]).toMatchObject({ name: 'account', event: { trace_id: answer.traceId, result: { suggest: 'risky', label: 20002 } } })
})

test('a function that did not declare the API is refused (-604101); bad parameters are WeChat errors; nothing is pushed', async () => {
  const pushes = await start()
  const undeclared = await failure(check(local.sdkFor('service'), 'household/h1/c.png', PNG))
  expect(undeclared.errCode).toBe(-604101)
  const household = local.sdkFor('household')
  const { fileID } = await household.uploadFile({ cloudPath: 'household/h1/d.png', fileContent: PNG })
  const url = (await household.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL
  expect((await failure(household.openapi.security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, scene: 4 }))).errCode).toBe(40003)
  expect((await failure(household.openapi.security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, scene: 9, openid: 'o' }))).errCode).toBe(47001)
  await new Promise((resolve) => setTimeout(resolve, 60))
  expect(pushes).toEqual([])
})
