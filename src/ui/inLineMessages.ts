import { defineMessages } from '@/core/i18n'

/** What every page's shell says while a write waits in line (InLineNotice). */
export const inLineMessages = defineMessages({
  'zh-CN': { title: '排队中，请稍候…', text: '现在办理的人很多。我们会自动帮您再试，不用再点。' },
  en: { title: 'You are in line, please wait…', text: 'Many people are doing this right now. We keep trying for you: no need to tap again.' },
  ko: { title: '차례를 기다리는 중입니다. 잠시만요…', text: '지금 이용하는 분이 많습니다. 자동으로 다시 시도하니 다시 누르지 않으셔도 됩니다.' },
  ja: { title: '順番待ちです。少々お待ちください…', text: '今は利用する人が多いため、自動でもう一度試しています。もう一度押す必要はありません。' },
})
