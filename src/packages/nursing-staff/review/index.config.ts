export default definePageConfig({
  navigationBarTitleText: '上门护理申请',
  enablePullDownRefresh: true
})
