export default definePageConfig({ navigationBarTitleText: '申请挂牌亮身份' })
