export default definePageConfig({
  navigationBarTitleText: '排班管理',
  enablePullDownRefresh: true
})
