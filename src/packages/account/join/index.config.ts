export default definePageConfig({ navigationBarTitleText: '绑定我的住址' })
