import { Button, Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import * as community from '@contracts/community'
import type { ResidencySummary } from '@contracts/model'
import { call, newRequestId } from '@/core/api'
import { useT } from '@/core/i18n'
import { disabledIf } from '@/ui/disabled'
import { errorCode } from '@/ui/errors'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { joinMessages } from './messages'
import { codeProblem, joinError, normalizeCode } from './steps'
import '@/ui/forms.scss'

type Way = 'code' | 'request'
/** A code into a household with verified members (or the issuer's own code) waits for someone else to decide: pending. */
export type DoneKind = 'joined' | 'pending' | 'requested'

/** The last step: prove the home with an invite code, or ask a person to check. */
export function Verify({
  householdId,
  address,
  onDone,
}: {
  householdId: string
  address: string
  onDone: (kind: DoneKind, home: ResidencySummary) => void
}) {
  const t = useT(joinMessages)
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState<ReturnType<typeof codeProblem>>(null)
  const [busy, setBusy] = useState<Way | null>(null)
  const [failure, setFailure] = useState<{ way: Way; error: unknown } | null>(null)

  async function submit(way: Way) {
    setFailure(null)
    if (way === 'code') {
      const found = codeProblem(code)
      setProblem(found)
      if (found) return
    }
    setBusy(way)
    try {
      if (way === 'code') {
        const home = await call(community.joinWithCode, { householdId, code }, newRequestId())
        onDone(home.status === 'pending' ? 'pending' : 'joined', home)
      }
      else onDone('requested', await call(community.requestResidency, { householdId }, newRequestId()))
    } catch (error) {
      setFailure({ way, error })
    } finally {
      setBusy(null)
    }
  }

  function failureFor(way: Way) {
    if (failure?.way !== way) return null
    const known = joinError(errorCode(failure.error))
    return <ErrorNotice error={failure.error} text={known ? t(`err_${known}`) : undefined} />
  }

  return (
    <View>
      <Notice kind="info">{t('chosen', { address })}</Notice>

      <View className="card stack join__way" id="join-code">
        <Text className="subtitle join__first">{t('codeTitle')}</Text>
        <Text className="muted">{t('codeHint')}</Text>
        <Input
          className="field join__code"
          value={code}
          maxlength={24}
          placeholder={t('codePlaceholder')}
          aria-label={t('codePlaceholder')}
          confirmType="done"
          onInput={(event) => {
            setCode(normalizeCode(event.detail.value))
            setProblem(null)
          }}
          onConfirm={() => void submit('code')}
        />
        {problem === 'short' ? <Notice kind="error">{t('codeShort', { count: code.length })}</Notice> : null}
        {problem === 'characters' ? <Notice kind="error">{t('codeCharacters')}</Notice> : null}
        {failureFor('code')}
        <Button className="btn btn--block" disabled={disabledIf(busy !== null || code.length === 0)} onClick={() => void submit('code')}>
          {busy === 'code' ? t('working') : t('codeSubmit')}
        </Button>
      </View>

      <View className="card stack join__way" id="join-request">
        <Text className="subtitle join__first">{t('requestTitle')}</Text>
        <Text className="muted">{t('requestHint')}</Text>
        {failureFor('request')}
        <Button className="btn btn--ghost btn--block" disabled={disabledIf(busy !== null)} onClick={() => void submit('request')}>
          {busy === 'request' ? t('working') : t('requestSubmit')}
        </Button>
      </View>
    </View>
  )
}
