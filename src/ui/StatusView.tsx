import { Button, Text, View } from '@tarojs/components'
import type { CloudError } from '@/core/api'
import { useT } from '@/core/i18n'
import { useSession } from '@/core/session'
import { Icon } from './Icon'
import { hourglass, lock } from './icons'
import { openAccountPage } from './Overlays'
import { common } from './messages'
import { errorText } from './text'
import './StatusView.scss'

export type StatusKind = 'loading' | 'error' | 'empty' | 'not-visible'

/** A glyph or icon beside the words, so that no state is told by colour alone. */
const GLYPHS: Record<StatusKind, { text: string } | { icon: string }> = {
  loading: { icon: hourglass },
  error: { text: '!' },
  empty: { text: '○' },
  'not-visible': { icon: lock },
}

export const PRIVACY_PAGE = '/packages/account/privacy/index'
export const JOIN_PAGE = '/packages/account/join/index'

export interface StatusAction {
  label: string
  onTap: () => void
}

interface Props {
  kind: StatusKind
  /** Replaces the default words for the kind. */
  message?: string
  /** For kind 'error': the words come from its code. */
  error?: Pick<CloudError, 'code'>
  onRetry?: () => void
  /** A way forward, such as binding a home; shown instead of retrying. */
  action?: StatusAction
}

export function StatusView({ kind: requested, message, error, onRetry, action }: Props) {
  const t = useT(common)
  const kind: StatusKind = requested === 'error' && error?.code === 'NOT_VISIBLE' ? 'not-visible' : requested
  const glyph = GLYPHS[kind]
  const title = kind === 'error' ? t('errorTitle') : kind === 'not-visible' ? t('notVisibleTitle') : null
  const words = message ?? (kind === 'loading' ? t('loading') : kind === 'empty' ? t('empty') : kind === 'not-visible' ? t('notVisible') : error ? errorText(t, error) : t('error.INTERNAL'))
  // Retrying cannot help until the person agrees or joins a building; those pages are the way on.
  const forward: StatusAction | undefined =
    action ??
    (kind === 'error' && error?.code === 'CONSENT_REQUIRED'
      ? { label: t('readPrivacy'), onTap: () => openAccountPage(PRIVACY_PAGE) }
      : kind === 'error' && error?.code === 'NOT_RESIDENT'
        ? { label: t('joinBuilding'), onTap: () => openAccountPage(JOIN_PAGE) }
        : undefined)
  return (
    <View className={`status status--${kind}`} aria-live={kind === 'error' ? 'assertive' : 'polite'}>
      <View className={`status__glyph status__glyph--${kind}`} aria-hidden="true">
        {'icon' in glyph ? <Icon shape={glyph.icon} className={`status__icon status__icon--${kind}`} /> : glyph.text}
      </View>
      {title ? <Text className="status__title">{title}</Text> : null}
      <Text className="status__text">{words}</Text>
      {forward ? (
        <Button className="btn btn--block status__action" onClick={forward.onTap}>
          {forward.label}
        </Button>
      ) : kind === 'error' && onRetry ? (
        <Button className="btn btn--ghost btn--block status__action" onClick={onRetry}>
          {t('retry')}
        </Button>
      ) : null}
    </View>
  )
}

/**
 * While the session (who the caller is) has not arrived: loading, or why it failed with a way to try again. Never an
 * endless "loading": every call ends within CALL_TIMEOUT_MS.
 */
export function SessionStatus() {
  const failed = useSession((state) => state.failed)
  const error = useSession((state) => state.error)
  if (!failed) return <StatusView kind="loading" />
  return <StatusView kind="error" error={error ?? { code: 'INTERNAL' }} onRetry={() => void useSession.getState().refresh()} />
}
