export default definePageConfig({
  navigationBarTitleText: '中药房工作台',
  enablePullDownRefresh: true
})
