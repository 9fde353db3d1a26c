export default definePageConfig({
  navigationBarTitleText: '申请代煎配送'
})
