export default definePageConfig({
  navigationBarTitleText: '录入中药处方'
})
