export default definePageConfig({ navigationBarTitleText: '时长核验与导出' })
