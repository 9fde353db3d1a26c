export default definePageConfig({
  navigationBarTitleText: '中药代煎配送',
  enablePullDownRefresh: true
})
