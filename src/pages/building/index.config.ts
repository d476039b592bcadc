export default definePageConfig({ navigationBarTitleText: '楼栋', enableShareAppMessage: true })
