import { defineMessages } from '@/core/i18n'

export const messages = defineMessages({
  'zh-CN': {
    title: '志愿服务',
    intro: '社区的志愿服务队，欢迎邻居们加入。',
    leader: '队长：{name}',
    members: '{count} 名队员',
    insurance: '需投保',
    insuranceNote: '这支队伍的活动有一定风险，参加前需要确认已投保意外险。',
    empty: '社区还没有发布志愿服务队。',
  },
  en: {
    title: 'Volunteering',
    intro: 'Our community’s volunteer teams. Neighbours are welcome to join.',
    leader: 'Team leader: {name}',
    members: 'Members: {count}',
    insurance: 'Insurance needed',
    insuranceNote: 'This team’s work carries some risk: you need to confirm you have accident insurance before taking part.',
    empty: 'The community has not listed any volunteer teams yet.',
  },
  ko: {
    title: '봉사 활동',
    intro: '우리 동네 봉사팀입니다. 이웃 여러분의 참여를 기다립니다.',
    leader: '팀장: {name}',
    members: '팀원 {count}명',
    insurance: '보험 필요',
    insuranceNote: '위험이 따르는 활동이라 참여 전에 상해보험 가입을 확인해야 합니다.',
    empty: '아직 등록된 봉사팀이 없습니다.',
  },
  ja: {
    title: 'ボランティア',
    intro: '地域のボランティアチームです。ご近所の皆さんの参加をお待ちしています。',
    leader: 'リーダー：{name}',
    members: 'メンバー {count}人',
    insurance: '保険加入が必要',
    insuranceNote: '危険を伴う活動のため、参加の前に傷害保険への加入確認が必要です。',
    empty: 'まだボランティアチームが登録されていません。',
  },
})
