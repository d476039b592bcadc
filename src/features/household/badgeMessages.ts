import { defineMessages } from '@/core/i18n'

/**
 * The only household strings in the main package: what the 楼栋 tab shows on a room and above the grid. Everything
 * else lives in the household subpackage (messages.ts), so the main package stays small.
 */
export const badgeMessages = defineMessages({
  'zh-CN': {
    badge: '党员户',
    count: '本楼 {count} 户党员家庭亮身份',
    countNone: '本楼还没有党员家庭亮身份',
    legend: '写着“党员户”、红色粗边框的格子是公开亮身份的党员家庭，点一下可以看他们的承诺和践诺。',
    // A reader's name for a room starts with the words the cell shows ({shown}: its number, 我家, 党员户): WCAG 2.5.3.
    roomLabel: '{shown}：党员家庭“{name}”，点按查看',
    myHousehold: '我家亮身份',
    review: '党员家庭审核',
    coverage: '亮身份统计',
  },
  en: {
    badge: 'Party',
    count: 'Party-member households showing their badge here: {count}',
    countNone: 'No Party-member household in this building shows its badge yet',
    legend: 'Squares marked “Party” with a thick red border are Party-member households that chose to show it. Tap one to see their pledges and how they kept them.',
    roomLabel: '{shown}: Party-member household “{name}”. Tap to open',
    myHousehold: "My household's badge",
    review: 'Review Party-member households',
    coverage: 'Badge coverage',
  },
  ko: {
    badge: '당원 가정',
    count: '신분을 공개한 당원 가정: {count}세대',
    countNone: '이 동에는 아직 신분을 공개한 당원 가정이 없습니다',
    legend: '‘당원 가정’이라고 쓰이고 빨간 테두리가 굵은 칸은 신분을 공개한 당원 가정입니다. 누르면 약속과 실천 기록을 볼 수 있습니다.',
    roomLabel: '{shown}: 당원 가정 “{name}”, 눌러서 보기',
    myHousehold: '우리 집 신분 공개',
    review: '당원 가정 심사',
    coverage: '신분 공개 현황',
  },
  ja: {
    badge: '党員家庭',
    count: '表札を掲げている党員家庭：{count}戸',
    countNone: 'この棟で表札を掲げている党員家庭はまだありません',
    legend: '「党員家庭」と書かれ、赤い太枠のマスは表札を掲げた党員家庭です。押すと約束と実践の記録が見られます。',
    roomLabel: '{shown}：党員家庭「{name}」。押して開く',
    myHousehold: 'わが家の表札',
    review: '党員家庭の審査',
    coverage: '表札の掲示状況',
  },
})

export type BadgeKey = keyof (typeof badgeMessages)['zh-CN']
