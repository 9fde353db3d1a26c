export default definePageConfig({
  navigationBarTitleText: '中药处方',
  enablePullDownRefresh: true
})
