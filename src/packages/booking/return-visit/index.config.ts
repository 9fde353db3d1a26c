export default definePageConfig({
  navigationBarTitleText: '免费复诊'
})
