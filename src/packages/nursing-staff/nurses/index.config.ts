export default definePageConfig({
  navigationBarTitleText: '护士资质管理',
  enablePullDownRefresh: true
})
