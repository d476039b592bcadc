import Taro from '@tarojs/taro'

/**
 * What became of a call to a WeChat API that needs the privacy guide, a scope (album, camera …) or both. WeChat
 * reports every outcome as a failed call with an errMsg (and, on newer base libraries, an errno):
 * - 'cancelled': the person closed the picker (…:fail cancel) — nothing to say;
 * - 'privacy':   they declined the privacy guide (errno 104 "privacy permission is not authorized") — asking again
 *                shows the guide again;
 * - 'denied':    the scope is switched off for this mini-program (errno 103, "auth deny", "auth denied",
 *                "authorize no response") — only the mini-program's own settings (openSetting) switch it back on;
 * - 'failed':    anything else.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: 'cancelled' | 'privacy' | 'denied' | 'failed' }

/** Scopes the app asks for, each with the API that needs it. */
export type Scope = 'scope.writePhotosAlbum' | 'scope.camera'

interface WxError {
  errMsg?: string
  errno?: number
  message?: string
}

export function failureReason(error: unknown): 'cancelled' | 'privacy' | 'denied' | 'failed' {
  const { errMsg, errno, message } = (typeof error === 'object' && error !== null ? error : {}) as WxError
  const text = `${errMsg ?? ''} ${message ?? ''}`.toLowerCase()
  if (errno === 104 || errno === 112 || text.includes('privacy')) return 'privacy'
  if (errno === 103 || /auth ?den|authorize no response|permission denied|no permission/.test(text)) return 'denied'
  if (/cancel/.test(text)) return 'cancelled'
  return 'failed'
}

/** Runs a WeChat call and says what became of it (see Outcome). */
export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() }
  } catch (error) {
    return { ok: false, reason: failureReason(error) }
  }
}

/**
 * Opens the mini-program's own settings (右上角 ··· → 设置). WeChat allows it only from a tap, so call it from the
 * button's handler. Resolves true when the scope is on once the person comes back.
 */
export async function openSettingFor(scope: Scope): Promise<boolean> {
  try {
    const { authSetting } = (await Taro.openSetting()) as unknown as { authSetting?: Record<string, boolean> }
    return authSetting?.[scope] === true
  } catch {
    return false
  }
}
