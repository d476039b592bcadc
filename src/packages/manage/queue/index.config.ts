export default definePageConfig({ navigationBarTitleText: '审核居住登记' })
