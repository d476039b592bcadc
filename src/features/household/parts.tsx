import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { FulfilmentEntry, Pledge } from '@contracts/household'
import type { CloudError } from '@/core/api'
import { dayLabel } from '@/core/dates'
import { useLocale, useT } from '@/core/i18n'
import { Icon } from '@/ui/Icon'
import { tapAttributes } from '@/ui/Tappable'
import { ReviewNotice } from '@/ui/ReviewNotice'
import { alert, info } from '@/ui/icons'
import { common } from '@/ui/messages'
import { errorText } from '@/ui/text'
import { CATEGORY_GLYPHS, categoryKey, disabledIf } from './format'
import { messages } from './messages'
import './household.scss'

export type NoticeKind = 'ok' | 'error' | 'info'
const GLYPH: Record<NoticeKind, { text: string } | { icon: string }> = { ok: { text: '✓' }, error: { icon: alert }, info: { icon: info } }

/** A status line told by a glyph and words, never by colour alone. Words that carry their own glyph keep it. */
export function Notice({ kind, children }: { kind: NoticeKind; children: string }) {
  const glyphed = /^[✓✗●○☆]/.test(children)
  const glyph = GLYPH[kind]
  return (
    <View className={`household-notice household-notice--${kind}`} aria-live="polite">
      {glyphed ? null : 'icon' in glyph ? (
        <View className="household-notice__glyph" aria-hidden="true">
          <Icon shape={glyph.icon} />
        </View>
      ) : (
        <Text className="household-notice__glyph" aria-hidden="true">
          {glyph.text}
        </Text>
      )}
      <Text className="household-notice__text">{children}</Text>
    </View>
  )
}

/** A failed call in plain words; the content check's refusal says what to do about it. */
export function ErrorNotice({ error }: { error: Pick<CloudError, 'code'> }) {
  const t = useT(messages)
  const tc = useT(common)
  return <Notice kind="error">{error.code === 'CONTENT_RISKY' ? t('contentRisky') : errorText(tc, error)}</Notice>
}

export function CategoryTag({ category }: { category: Pledge['category'] }) {
  const t = useT(messages)
  return <Text className="household-tag">{`${CATEGORY_GLYPHS[category]} ${t(categoryKey(category))}`}</Text>
}

/** The household's active pledges as neighbours read them. */
export function PledgeList({ pledges }: { pledges: Pledge[] }) {
  const t = useT(messages)
  if (pledges.length === 0) return <Text className="muted">{t('noPledges')}</Text>
  return (
    <View className="household-pledges">
      {pledges.map((pledge) => (
        <View key={pledge.id} className="household-pledge">
          <CategoryTag category={pledge.category} />
          <Text className="household-pledge__text">{pledge.text}</Text>
        </View>
      ))}
    </View>
  )
}

export interface ThankState {
  thanks: number
  thankedByMe: boolean
  busy: boolean
}

interface TimelineProps {
  entries: FulfilmentEntry[]
  /** Null for the household's own members: nobody thanks themselves. */
  onThank: ((entry: FulfilmentEntry) => void) | null
  /** Local state after a tap, over what the server sent. */
  overlay?: Record<string, ThankState>
  more?: boolean
}

/** 践诺: the fulfilment record, newest first, with evidence marked and a thank-you per neighbour per entry. */
export function Timeline({ entries, onThank, overlay = {}, more = false }: TimelineProps) {
  const t = useT(messages)
  const locale = useLocale()
  if (entries.length === 0) return <Text className="muted">{t('noEntries')}</Text>
  return (
    <View className="household-timeline">
      {entries.map((entry) => {
        const state = overlay[entry.id] ?? { thanks: entry.thanks, thankedByMe: entry.thankedByMe, busy: false }
        return (
          <View key={entry.id} className="household-entry">
            <View className="household-entry__head">
              <Text className="household-entry__day">{dayLabel(entry.day, locale, { year: true })}</Text>
              {entry.pledgeCategory ? <Text className="household-tag">{t('forPledge', { category: `${CATEGORY_GLYPHS[entry.pledgeCategory]} ${t(categoryKey(entry.pledgeCategory))}` })}</Text> : null}
            </View>
            <Text className="household-entry__note">{entry.note}</Text>
            {entry.evidenced && entry.source ? <Text className="household-entry__evidence">{t(entry.source === 'shift' ? 'evidenced_shift' : 'evidenced_session')}</Text> : null}
            {entry.photos.length > 0 ? (
              <View className="household-entry__photos">
                {entry.photos.map((url, index) => (
                  <Image
                    key={url}
                    className="household-entry__photo"
                    src={url}
                    mode="aspectFill"
                    {...tapAttributes({ label: t('photo', { n: index + 1 }), kind: 'cell' })}
                    onClick={() => void Taro.previewImage({ urls: entry.photos, current: url }).catch(() => undefined)}
                  />
                ))}
              </View>
            ) : null}
            {/* The household's own view: a photo still being checked, or refused with WeChat's reason. */}
            {entry.photoReviews?.map((review, index) => (review.state === 'pass' ? null : <ReviewNotice key={`review-${index}`} review={review} />))}
            <View className="household-entry__foot">
              {state.thanks > 0 ? <Text className="household-entry__thanks">{t('thanks', { count: state.thanks })}</Text> : null}
              {onThank && state.thankedByMe ? <Text className="household-entry__thanked">{t('thanked')}</Text> : null}
              {onThank && !state.thankedByMe ? (
                <Button className="btn btn--ghost btn--block household-entry__thank" disabled={disabledIf(state.busy)} onClick={() => onThank(entry)}>
                  {t('thank')}
                </Button>
              ) : null}
            </View>
          </View>
        )
      })}
      {more ? <Text className="muted">{t('more')}</Text> : null}
    </View>
  )
}
