export default definePageConfig({ navigationBarTitleText: '党员家庭审核' })
