export default definePageConfig({
  navigationBarTitleText: '新增出诊'
})
