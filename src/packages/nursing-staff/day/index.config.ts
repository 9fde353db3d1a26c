export default definePageConfig({
  navigationBarTitleText: '护士当日出诊',
  enablePullDownRefresh: true
})
