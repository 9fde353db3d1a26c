export default definePageConfig({
  navigationBarTitleText: '就诊时间线'
})
