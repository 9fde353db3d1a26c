export default definePageConfig({
  navigationBarTitleText: '我的出诊',
  enablePullDownRefresh: true
})
