export default definePageConfig({ navigationBarTitleText: '我家亮身份' })
