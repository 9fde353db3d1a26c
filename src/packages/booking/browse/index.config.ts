export default definePageConfig({
  navigationBarTitleText: '专家号预约',
  enablePullDownRefresh: true
})
