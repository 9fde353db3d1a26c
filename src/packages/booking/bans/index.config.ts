export default definePageConfig({
  navigationBarTitleText: '爽约限制'
})
