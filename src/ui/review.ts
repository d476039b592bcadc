import { defineMessages } from '@/core/i18n'
import type { MediaReview } from '@contracts/model'

/**
 * WeChat's image check (security.mediaCheckAsync) as the owner of an image reads it: waiting, or "未通过审核" with the
 * reason WeChat's label gives. Others never see an image that has not passed.
 */
export const reviewMessages = defineMessages({
  'zh-CN': {
    pending: '审核中：通过微信的图片安全检查后，邻居才能看到这张图片。',
    refused: '未通过审核：{reason}。邻居看不到这张图片，请换一张。',
    reason_ad: '含有广告',
    reason_politics: '涉及时政',
    reason_porn: '含有色情内容',
    reason_abuse: '含有辱骂内容',
    reason_illegal: '涉及违法犯罪',
    reason_fraud: '涉嫌欺诈',
    reason_vulgar: '内容低俗',
    reason_copyright: '可能侵犯版权',
    reason_other: '不符合微信的内容安全规范',
  },
  en: {
    pending: "Being checked: neighbours see this picture once it passes WeChat's image check.",
    refused: 'Not approved: {reason}. Neighbours cannot see this picture; please choose another.',
    reason_ad: 'it contains advertising',
    reason_politics: 'it touches on politics',
    reason_porn: 'it contains sexual content',
    reason_abuse: 'it contains abuse',
    reason_illegal: 'it shows something illegal',
    reason_fraud: 'it may be a fraud',
    reason_vulgar: 'it is vulgar',
    reason_copyright: "it may break someone's copyright",
    reason_other: "it breaks WeChat's content rules",
  },
  ko: {
    pending: '검토 중: 위챗 이미지 안전 검사를 통과하면 이웃에게 보입니다.',
    refused: '검토 미통과: {reason}. 이웃에게는 보이지 않으니 다른 사진을 골라 주세요.',
    reason_ad: '광고가 들어 있습니다',
    reason_politics: '정치적 내용이 있습니다',
    reason_porn: '음란한 내용이 있습니다',
    reason_abuse: '욕설이 들어 있습니다',
    reason_illegal: '불법적인 내용이 있습니다',
    reason_fraud: '사기가 의심됩니다',
    reason_vulgar: '저속한 내용입니다',
    reason_copyright: '저작권 침해가 의심됩니다',
    reason_other: '위챗 콘텐츠 규정에 맞지 않습니다',
  },
  ja: {
    pending: '審査中：WeChat の画像安全チェックを通ると、近所の人に表示されます。',
    refused: '審査不合格：{reason}。近所の人には表示されません。別の画像を選んでください。',
    reason_ad: '広告が含まれています',
    reason_politics: '政治的な内容が含まれています',
    reason_porn: '性的な内容が含まれています',
    reason_abuse: '暴言が含まれています',
    reason_illegal: '違法な内容が含まれています',
    reason_fraud: '詐欺の疑いがあります',
    reason_vulgar: '低俗な内容です',
    reason_copyright: '著作権侵害の疑いがあります',
    reason_other: 'WeChat のコンテンツ規約に合いません',
  },
})

type ReasonKey = 'reason_ad' | 'reason_politics' | 'reason_porn' | 'reason_abuse' | 'reason_illegal' | 'reason_fraud' | 'reason_vulgar' | 'reason_copyright' | 'reason_other'

/** WeChat's labels (security.mediaCheckAsync / msgSecCheck v2): 10001 广告, 20001 时政, 20002 色情, 20003 辱骂, 20006 违法犯罪, 20008 欺诈, 20012 低俗, 20013 版权. */
const REASONS: Record<number, ReasonKey> = {
  10001: 'reason_ad',
  20001: 'reason_politics',
  20002: 'reason_porn',
  20003: 'reason_abuse',
  20006: 'reason_illegal',
  20008: 'reason_fraud',
  20012: 'reason_vulgar',
  20013: 'reason_copyright',
}

export function reasonKey(label: number | null): ReasonKey {
  return (label !== null ? REASONS[label] : undefined) ?? 'reason_other'
}

/** What the owner is told about one image, or null when it passed. */
export function reviewState(review: MediaReview | null | undefined): 'pending' | 'refused' | null {
  if (!review || review.state === 'pass') return null
  return review.state === 'pending' ? 'pending' : 'refused'
}
