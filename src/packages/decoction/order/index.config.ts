export default definePageConfig({
  navigationBarTitleText: '代煎订单',
  enablePullDownRefresh: true
})
