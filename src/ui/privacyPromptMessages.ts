import { defineMessages } from '@/core/i18n'

/**
 * The words of WeChat's privacy guide prompt (PrivacyPrompt), which every page can be asked to show. Apart from
 * wechatMessages.ts (the tab pages' share cards): on weapp they travel with the prompt in packages/account/overlays.js
 * (ui/Overlays.tsx, issue 19), not in the main package.
 */
export const privacyPromptMessages = defineMessages({
  'zh-CN': {
    privacyTitle: '请先看一下隐私保护指引',
    privacyText: '这一步要用到微信的隐私功能（选照片、选文件、复制、保存到相册等）。微信要求您先阅读并同意{guide}，同意后这一步会接着完成。',
    privacyGuide: '隐私保护指引',
    privacyOpen: '阅读{guide}',
    privacyAgree: '同意并继续',
    privacyDecline: '不同意',
  },
  en: {
    privacyTitle: 'Please read the privacy guide first',
    privacyText: 'This step uses a WeChat privacy feature (choosing a photo or file, copying, saving to your album …). WeChat asks you to read and agree to {guide} first; the step then carries on.',
    privacyGuide: 'the privacy guide',
    privacyOpen: 'Read {guide}',
    privacyAgree: 'Agree and continue',
    privacyDecline: 'Do not agree',
  },
  ko: {
    privacyTitle: '먼저 개인정보 보호 지침을 읽어 주세요',
    privacyText: '이 단계는 위챗의 개인정보 기능(사진·파일 선택, 복사, 앨범에 저장 등)을 씁니다. 위챗은 먼저 {guide}을 읽고 동의하도록 요구합니다. 동의하면 이 단계가 이어서 진행됩니다.',
    privacyGuide: '개인정보 보호 지침',
    privacyOpen: '{guide} 읽기',
    privacyAgree: '동의하고 계속',
    privacyDecline: '동의하지 않음',
  },
  ja: {
    privacyTitle: '先にプライバシー保護ガイドラインをお読みください',
    privacyText: 'この操作は WeChat のプライバシー機能（写真やファイルの選択、コピー、アルバムへの保存など）を使います。WeChat は先に{guide}を読んで同意するよう求めています。同意すると操作がそのまま続きます。',
    privacyGuide: 'プライバシー保護ガイドライン',
    privacyOpen: '{guide}を読む',
    privacyAgree: '同意して続ける',
    privacyDecline: '同意しない',
  },
})
