import { Button, Image, Input, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import * as account from '@contracts/account'
import { call, newRequestId } from '@/core/api'
import { useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { Screen } from '@/ui/Screen'
import { SessionStatus } from '@/ui/StatusView'
import { disabledIf } from '@/ui/disabled'
import { errorCode } from '@/ui/errors'
import { ErrorNotice, Notice } from '@/ui/Notice'
import { ReviewNotice } from '@/ui/ReviewNotice'
import { useTitle } from '@/ui/useTitle'
import { profileMessages } from './messages'
import { NICKNAME_MAX, nicknameProblem, profileChanges, uploadAvatar } from './profile'
import './index.scss'
import '../../../ui/choice.scss'
import '@/ui/forms.scss'

type Avatar = { state: 'idle' } | { state: 'uploading'; preview: string } | { state: 'ready'; preview: string; fileID: string } | { state: 'failed' }
type Saved = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'unchanged' } | { state: 'invalid' } | { state: 'failed'; error: unknown }

export default function ProfilePage() {
  const t = useT(profileMessages)
  useTitle(t('title'))
  const me = useSession((state) => state.me)
  const [nickname, setNickname] = useState<string | null>(null)
  const [avatar, setAvatar] = useState<Avatar>({ state: 'idle' })
  const [saved, setSaved] = useState<Saved>({ state: 'idle' })
  const weapp = process.env.TARO_ENV === 'weapp'

  useEffect(() => {
    if (!useSession.getState().me) void useSession.getState().refresh()
  }, [])

  if (!me) {
    return (
      <Screen className="profile">
        <SessionStatus />
      </Screen>
    )
  }
  const current = me
  const draftNickname = nickname ?? current.nickname
  const problem = saved.state === 'invalid' ? nicknameProblem(draftNickname) : null

  async function pickAvatar(tempFilePath: string | undefined) {
    if (!tempFilePath) return
    setAvatar({ state: 'uploading', preview: tempFilePath })
    try {
      setAvatar({ state: 'ready', preview: tempFilePath, fileID: await uploadAvatar(tempFilePath, current.avatarFolder) })
    } catch {
      setAvatar({ state: 'failed' })
    }
  }

  async function save() {
    if (nicknameProblem(draftNickname)) {
      setSaved({ state: 'invalid' })
      return
    }
    const changes = profileChanges(current, { nickname: draftNickname, avatarFileId: avatar.state === 'ready' ? avatar.fileID : current.avatarFileId })
    if (!changes) {
      setSaved({ state: 'unchanged' })
      return
    }
    setSaved({ state: 'saving' })
    try {
      const updated = await call(account.updateProfile, changes, newRequestId())
      useSession.setState({ me: updated })
      setNickname(null)
      setAvatar({ state: 'idle' })
      setSaved({ state: 'saved' })
    } catch (error) {
      setSaved({ state: 'failed', error })
    }
  }

  const preview = avatar.state === 'uploading' || avatar.state === 'ready' ? avatar.preview : current.avatarUrl
  return (
    <Screen className="profile">
      <Text className="title">{t('title')}</Text>
      <Text className="muted profile__intro">{t('intro')}</Text>

      {weapp || current.avatarUrl ? (
        <View className="card stack">
          <Text className="label profile__first">{t('avatar')}</Text>
          <View className="row profile__avatar-row">
            {preview ? (
              <Image className="profile__avatar" src={preview} mode="aspectFill" aria-label={t('avatar')} />
            ) : (
              <View className="profile__avatar profile__avatar--empty">
                <Text className="muted">{t('noAvatar')}</Text>
              </View>
            )}
            {weapp ? (
              <Button
                className="btn btn--ghost profile__choose"
                openType="chooseAvatar"
                disabled={disabledIf(avatar.state === 'uploading')}
                onChooseAvatar={(event: { detail: { avatarUrl?: string } }) => void pickAvatar(event.detail.avatarUrl)}
              >
                {t('chooseAvatar')}
              </Button>
            ) : null}
          </View>
          {avatar.state === 'idle' ? <ReviewNotice review={current.avatarReview} /> : null}
          {avatar.state === 'uploading' ? <Notice kind="info">{t('uploading')}</Notice> : null}
          {avatar.state === 'ready' ? <Notice kind="info">{t('uploaded')}</Notice> : null}
          {avatar.state === 'failed' ? <Notice kind="error">{t('uploadFailed')}</Notice> : null}
        </View>
      ) : null}

      <View className="card stack">
        <Text className="label profile__first">{t('nickname')}</Text>
        <Input
          className="field"
          type="nickname"
          value={draftNickname}
          maxlength={NICKNAME_MAX}
          placeholder={t('nicknamePlaceholder')}
          aria-label={t('nickname')}
          onInput={(event) => setNickname(event.detail.value)}
          // WeChat's nickname keyboard can fill the field without an input event; the blur carries the value.
          onBlur={(event) => setNickname(event.detail.value)}
        />
        <Text className="muted">{t('nicknameHint', { max: NICKNAME_MAX })}</Text>
        {problem ? <Notice kind="error">{t(`nickname_${problem}`, { max: NICKNAME_MAX })}</Notice> : null}
      </View>

      {saved.state === 'saved' ? <Notice kind="ok">{t('saved')}</Notice> : null}
      {saved.state === 'unchanged' ? <Notice kind="info">{t('unchanged')}</Notice> : null}
      {saved.state === 'failed' ? (
        <ErrorNotice error={saved.error} text={errorCode(saved.error) === 'CONTENT_RISKY' ? t('risky') : undefined} />
      ) : null}
      <Button className="btn btn--block profile__save" disabled={disabledIf(saved.state === 'saving' || avatar.state === 'uploading')} onClick={() => void save()}>
        {saved.state === 'saving' ? t('saving') : t('save')}
      </Button>
    </Screen>
  )
}
