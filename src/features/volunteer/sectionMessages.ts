import { defineMessages } from '@/core/i18n'

/** Service hours as a number of hours, shared by the tab section and the subpackage pages (dates: core/dates). */
export const dateMessages = defineMessages({
  'zh-CN': {
    hours: '{hours} 小时',
  },
  en: {
    hours: '{hours} h',
  },
  ko: {
    hours: '{hours}시간',
  },
  ja: {
    hours: '{hours}時間',
  },
})

export type DateKey = keyof (typeof dateMessages)['zh-CN']

/** The 志愿 tab's section: my hours and next shift, shifts coming up, and the doors into the subpackage. */
export const sectionMessages = defineMessages({
  'zh-CN': {
    mineTitle: '我的志愿服务',
    hoursLabel: '已确认的志愿时长',
    pending: '另有 {hours}等待队长确认',
    noHours: '还没有志愿时长。报名参加一个班次，结束后由队长确认时长。',
    next: '我报名的班次',
    confirmed: '✓ 已报名',
    waitlisted: '候补第 {n} 位',
    openMine: '我的时长和证明',
    lead: '队长工作台',
    admin: '时长核验与导出',
    upcomingTitle: '近期班次',
    placesLeft: '还剩 {n} 个名额',
    full: '名额已满，可以候补',
    noUpcoming: '近期没有安排班次。',
    openTeam: '查看队伍、申请加入',
  },
  en: {
    mineTitle: 'My volunteering',
    hoursLabel: 'Confirmed service hours',
    pending: 'Another {hours} waiting for the team leader to confirm',
    noHours: 'No service hours yet. Sign up for a shift; afterwards the team leader confirms your hours.',
    next: 'Shifts I signed up for',
    confirmed: '✓ Signed up',
    waitlisted: 'Waiting list, number {n}',
    openMine: 'My hours and certificate',
    lead: 'Team leader tools',
    admin: 'Verify certificates and export hours',
    upcomingTitle: 'Coming up',
    placesLeft: 'Places left: {n}',
    full: 'Full — you can join the waiting list',
    noUpcoming: 'No shifts planned in the coming days.',
    openTeam: 'See the team, ask to join',
  },
  ko: {
    mineTitle: '나의 봉사 활동',
    hoursLabel: '확인된 봉사 시간',
    pending: '{hours}은 팀장 확인을 기다리고 있습니다',
    noHours: '아직 봉사 시간이 없습니다. 활동을 신청해 참여하면 팀장이 시간을 확인합니다.',
    next: '신청한 활동',
    confirmed: '✓ 신청 완료',
    waitlisted: '대기 {n}번',
    openMine: '봉사 시간과 증명서',
    lead: '팀장 메뉴',
    admin: '증명서 확인 · 시간 내보내기',
    upcomingTitle: '다가오는 활동',
    placesLeft: '{n}자리 남음',
    full: '마감 — 대기 신청 가능',
    noUpcoming: '가까운 날에 예정된 활동이 없습니다.',
    openTeam: '봉사팀 보기 · 가입 신청',
  },
  ja: {
    mineTitle: 'わたしのボランティア',
    hoursLabel: '確認済みの活動時間',
    pending: 'ほかに {hours} がリーダーの確認待ちです',
    noHours: 'まだ活動時間がありません。活動に申し込んで参加すると、リーダーが時間を確認します。',
    next: '申し込んだ活動',
    confirmed: '✓ 申込済み',
    waitlisted: 'キャンセル待ち {n}番目',
    openMine: '活動時間と証明書',
    lead: 'リーダー用メニュー',
    admin: '証明書の確認・時間の書き出し',
    upcomingTitle: '近日の活動',
    placesLeft: '残り {n}人',
    full: '満員 — キャンセル待ちできます',
    noUpcoming: '近日予定の活動はありません。',
    openTeam: 'チームを見る・参加を申し込む',
  },
})
