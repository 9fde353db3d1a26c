export default definePageConfig({
  navigationBarTitleText: '医院规则设置',
  enablePullDownRefresh: true
})
