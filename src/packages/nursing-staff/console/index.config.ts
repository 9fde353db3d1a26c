export default definePageConfig({
  navigationBarTitleText: '护理部工作台',
  enablePullDownRefresh: true
})
