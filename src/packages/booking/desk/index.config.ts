export default definePageConfig({
  navigationBarTitleText: '出诊详情',
  enablePullDownRefresh: true
})
