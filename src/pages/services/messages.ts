import { defineMessages } from '@/core/i18n'

export const messages = defineMessages({
  'zh-CN': {
    title: '便民服务',
    intro: '楼组长和志愿者定期在楼下提供这些服务。',
    bring: '请带上：{items}',
    provider: '服务方：{provider}',
    sensitive: '测量结果属于您的个人敏感信息，只有您本人能看到。',
    empty: '社区还没有发布便民服务。',
  },
  en: {
    title: 'Community services',
    intro: 'Building leaders and volunteers hold these services downstairs on a regular schedule.',
    bring: 'Please bring: {items}',
    provider: 'Provided by: {provider}',
    sensitive: 'Your readings are sensitive personal information. Only you can see them.',
    empty: 'The community has not listed any services yet.',
  },
  ko: {
    title: '생활 서비스',
    intro: '동 대표와 자원봉사자들이 정기적으로 단지 안에서 이런 서비스를 제공합니다.',
    bring: '준비물: {items}',
    provider: '제공: {provider}',
    sensitive: '측정 결과는 민감한 개인정보로, 본인만 볼 수 있습니다.',
    empty: '아직 등록된 생활 서비스가 없습니다.',
  },
  ja: {
    title: '生活サービス',
    intro: '棟長やボランティアが、定期的に建物の下でこれらのサービスを行っています。',
    bring: '持ち物：{items}',
    provider: '担当：{provider}',
    sensitive: '測定結果は特に配慮が必要な個人情報です。ご本人だけが見られます。',
    empty: 'まだサービスが登録されていません。',
  },
})
