import { defineMessages } from '@/core/i18n'

/**
 * The share cards of the tab pages. The words of WeChat's privacy guide prompt are in privacyPromptMessages.ts (they
 * travel with PrivacyPrompt in a subpackage on weapp), the way back to a scope the person switched off in
 * permissionMessages.ts (PermissionNotice, subpackage pages only): both stay out of the weapp main package, issue 19.
 */
export const wechatMessages = defineMessages({
  'zh-CN': {
    shareHome: '邻里亭：看看楼里的党员家庭，预约便民服务，报名志愿服务',
    shareBuilding: '邻里亭：我们楼的党员家庭亮身份了，来看看',
  },
  en: {
    shareHome: 'Linliting: party-member households, neighbourhood services and volunteering in our buildings',
    shareBuilding: 'Linliting: see the party-member households of our building',
  },
  ko: {
    shareHome: '린리팅: 우리 동의 당원 가정, 생활 서비스 예약, 자원봉사 신청',
    shareBuilding: '린리팅: 우리 동의 당원 가정을 만나 보세요',
  },
  ja: {
    shareHome: '邻里亭：棟の党員家庭、暮らしのサービス予約、ボランティア参加',
    shareBuilding: '邻里亭：わたしたちの棟の党員家庭を見てみよう',
  },
})
