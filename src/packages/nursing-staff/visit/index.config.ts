export default definePageConfig({
  navigationBarTitleText: '上门护理',
  enablePullDownRefresh: true
})
