export default definePageConfig({
  navigationBarTitleText: '健康信息知情同意'
})
