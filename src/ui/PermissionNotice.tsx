import { Button, View } from '@tarojs/components'
import { useState } from 'react'
import { useT } from '@/core/i18n'
import { openSettingFor, type Outcome, type Scope } from '@/core/permission'
import { Notice } from './Notice'
import { permissionMessages } from './permissionMessages'

export type Blocked = Extract<Outcome<unknown>, { ok: false }>['reason']

/**
 * What to do when a WeChat call ended without doing its job, beside the button that started it:
 * - 'privacy' (the person declined the privacy guide): say so, and "try again" repeats the call, which brings the
 *   guide back (PrivacyPrompt);
 * - 'denied' (the scope is off for this mini-program): say exactly where the switch is and open the mini-program's
 *   settings from the tap (openSetting needs one); coming back with it on repeats the call by itself.
 * 'cancelled' needs no words; 'failed' is the page's own sentence.
 */
export function PermissionNotice({ blocked, scope, onRetry }: { blocked: Blocked | null; scope?: Scope; onRetry: () => void }) {
  const t = useT(permissionMessages)
  const [stillOff, setStillOff] = useState(false)
  if (blocked === 'privacy') {
    return (
      <View className="stack" id="permission-privacy">
        <Notice kind="error">{t('privacyDeclined')}</Notice>
        <Button className="btn btn--ghost btn--block" onClick={onRetry}>
          {t('retry')}
        </Button>
      </View>
    )
  }
  if (blocked === 'denied' && scope) {
    const name = t(scope)
    async function reopen() {
      if (!scope) return
      const on = await openSettingFor(scope)
      setStillOff(!on)
      if (on) onRetry()
    }
    return (
      <View className="stack" id="permission-denied">
        <Notice kind="error">{stillOff ? t('stillDenied', { switch: name }) : t('deniedText', { switch: name })}</Notice>
        <Button className="btn btn--block" onClick={() => void reopen()}>
          {t('openSetting')}
        </Button>
      </View>
    )
  }
  return null
}
