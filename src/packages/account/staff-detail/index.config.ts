export default definePageConfig({
  navigationBarTitleText: '设置员工'
})
