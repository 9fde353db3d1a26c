export default definePageConfig({
  navigationBarTitleText: '上门护理详情',
  enablePullDownRefresh: true
})
