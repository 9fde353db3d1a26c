export default definePageConfig({
  navigationBarTitleText: '我的上门护理',
  enablePullDownRefresh: true
})
