export default definePageConfig({ navigationBarTitleText: '楼栋与住户' })
