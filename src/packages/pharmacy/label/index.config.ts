export default definePageConfig({
  navigationBarTitleText: '打印标签'
})
