export default definePageConfig({
  navigationBarTitleText: '患者档案',
  enablePullDownRefresh: true
})
