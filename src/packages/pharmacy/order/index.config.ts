export default definePageConfig({
  navigationBarTitleText: '代煎订单处理',
  enablePullDownRefresh: true
})
