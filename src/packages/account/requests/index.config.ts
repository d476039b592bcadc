export default definePageConfig({ navigationBarTitleText: '家人加入申请' })
