import { attempt, failureReason } from './permission'

describe('failureReason: what WeChat meant by a failed call', () => {
  it.each([
    [{ errMsg: 'chooseMedia:fail cancel' }, 'cancelled'],
    [{ errMsg: 'chooseMessageFile:fail cancel' }, 'cancelled'],
    [{ errMsg: 'setClipboardData:fail privacy permission is not authorized', errno: 104 }, 'privacy'],
    [{ errMsg: 'saveImageToPhotosAlbum:fail api scope is not declared in the privacy agreement', errno: 112 }, 'privacy'],
    [{ errMsg: 'saveImageToPhotosAlbum:fail auth deny', errno: 103 }, 'denied'],
    [{ errMsg: 'saveImageToPhotosAlbum:fail:auth denied' }, 'denied'],
    [{ errMsg: 'saveImageToPhotosAlbum:fail authorize no response' }, 'denied'],
    [{ errMsg: 'chooseMedia:fail file not found' }, 'failed'],
    [new Error('boom'), 'failed'],
    ['nonsense', 'failed'],
  ])('%j → %s', (error, reason) => {
    expect(failureReason(error)).toBe(reason)
  })

  it('attempt() hands back the value or the reason', async () => {
    await expect(attempt(async () => 7)).resolves.toEqual({ ok: true, value: 7 })
    await expect(attempt(() => Promise.reject({ errno: 104 }))).resolves.toEqual({ ok: false, reason: 'privacy' })
  })
})
