export default definePageConfig({
  navigationBarTitleText: '热线预约'
})
