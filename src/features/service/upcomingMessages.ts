import { defineMessages } from '@/core/i18n'

/** The 服务 tab's section only: kept apart so the main package carries a few lines, not the whole feature's text. */
export const upcomingMessages = defineMessages({
  'zh-CN': {
    title: '近期服务',
    none: '最近几周还没有安排服务。',
    mine: '我的预约',
    readings: '我的血压记录',
    create: '发布服务',
    placesLeft: '还剩 {n} 个名额',
    full: '已约满，可排候补',
    opens: '{time} 开放预约',
    booked: '✓ 您已预约',
  },
  en: {
    title: 'Coming up',
    none: 'Nothing is scheduled for the next few weeks.',
    mine: 'My bookings',
    readings: 'My blood pressure',
    create: 'New session',
    placesLeft: '{n} places left',
    full: 'Full — join the waiting list',
    opens: 'Booking opens {time}',
    booked: '✓ You have booked',
  },
  ko: {
    title: '다가오는 서비스',
    none: '앞으로 몇 주간 예정된 서비스가 없습니다.',
    mine: '내 예약',
    readings: '내 혈압 기록',
    create: '일정 등록',
    placesLeft: '{n}자리 남음',
    full: '마감 — 대기 신청 가능',
    opens: '{time} 예약 시작',
    booked: '✓ 예약하셨습니다',
  },
  ja: {
    title: '近日のサービス',
    none: 'この数週間の予定はまだありません。',
    mine: 'マイ予約',
    readings: '私の血圧記録',
    create: 'サービスを登録',
    placesLeft: '残り{n}枠',
    full: '満員・キャンセル待ちできます',
    opens: '{time}に受付開始',
    booked: '✓ 予約済みです',
  },
})
