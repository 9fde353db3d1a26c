export default definePageConfig({
  navigationBarTitleText: '来电者预约',
  enablePullDownRefresh: true
})
