import type { MediaReview } from '@contracts/model'
import { useT } from '@/core/i18n'
import { Notice } from '@/ui/Notice'
import { reasonKey, reviewMessages, reviewState } from '@/ui/review'

/** The owner's own view of one image's check: nothing once it passed, else "审核中" or "未通过审核：<why>". */
export function ReviewNotice({ review }: { review: MediaReview | null | undefined }) {
  const t = useT(reviewMessages)
  const state = reviewState(review)
  if (!state || !review) return null
  if (state === 'pending') return <Notice kind="info">{t('pending')}</Notice>
  return <Notice kind="warn">{t('refused', { reason: t(reasonKey(review.label)) })}</Notice>
}
