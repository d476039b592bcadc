export default definePageConfig({ navigationBarTitleText: '邻里亭', enableShareAppMessage: true })
