export default definePageConfig({ navigationBarTitleText: '队长工作台' })
