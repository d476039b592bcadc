export default definePageConfig({ navigationBarTitleText: '导入楼栋表格' })
