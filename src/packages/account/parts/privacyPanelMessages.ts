import { defineMessages } from '@/core/i18n'

export const privacyPanelMessages = defineMessages({
  'zh-CN': {
    title: '微信隐私保护指引',
    text: '微信要求您先同意隐私保护指引，才能使用头像、昵称等功能。',
    agree: '同意微信隐私保护指引',
    notNow: '暂不同意',
  },
  en: {
    title: "WeChat's privacy guide",
    text: "WeChat asks you to agree to its privacy guide before features such as your profile photo and nickname can be used.",
    agree: "Agree to WeChat's privacy guide",
    notNow: 'Not now',
  },
  ko: {
    title: '위챗 개인정보 보호 지침',
    text: '프로필 사진, 닉네임 등의 기능을 쓰려면 먼저 위챗 개인정보 보호 지침에 동의해야 합니다.',
    agree: '위챗 개인정보 보호 지침에 동의',
    notNow: '나중에',
  },
  ja: {
    title: 'WeChat のプライバシー保護ガイドライン',
    text: 'アイコンやニックネームなどの機能を使う前に、WeChat のプライバシー保護ガイドラインへの同意が必要です。',
    agree: 'WeChat のプライバシー保護ガイドラインに同意する',
    notNow: '今はしない',
  },
})
