const isH5 = process.env.TARO_ENV === 'h5'

const subPackages = [
  {
    root: 'packages/account',
    pages: [
      'profiles/index',
      'profile-form/index',
      'consent/index',
      'staff/index',
      'staff-detail/index',
      'messages/index',
      'privacy/index',
      'settings/index'
    ]
  },
  {
    root: 'packages/booking',
    pages: [
      'browse/index',
      'session/index',
      'confirm/index',
      'appointment/index',
      'return-visit/index',
      'schedule/index',
      'session-form/index',
      'desk/index',
      'hotline/index',
      'hotline-patient/index',
      'bans/index'
    ]
  },
  { root: 'packages/decoction', pages: ['prescriptions/index', 'prescription/index', 'order-form/index', 'order/index'] },
  { root: 'packages/pharmacy', pages: ['queue/index', 'order/index', 'label/index', 'prescribe/index'] },
  { root: 'packages/nursing', pages: ['catalogue/index', 'apply/index', 'requests/index', 'request/index'] },
  { root: 'packages/nursing-staff', pages: ['console/index', 'review/index', 'nurses/index', 'visits/index', 'visit/index', 'day/index'] },
  {
    root: 'packages/records',
    pages: ['home/index', 'reading/index', 'timeline/index', 'console/index', 'patient/index', 'follow-up/index']
  },
  // The demo sign-in exists only against the local host; the mini program signs in with WeChat.
  ...(isH5 ? [{ root: 'packages/dev', pages: ['login/index'] }] : [])
]

export default defineAppConfig({
  // H5 only: Taro's router adds the hidden page's shade on a timer after the slide animation and
  // does not cancel it when the person goes back before it fires, which left 我的 blank after a
  // quick back from 我的消息. No slide, no timer.
  ...(isH5 ? { animation: false } : {}),
  pages: ['pages/index/index', 'pages/booking/index', 'pages/orders/index', 'pages/me/index'],
  subPackages,
  preloadRule: {
    'pages/me/index': { network: 'all', packages: ['packages/account'] },
    'pages/orders/index': { network: 'all', packages: ['packages/decoction'] },
    'pages/booking/index': { network: 'all', packages: ['packages/booking'] }
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '县域医院便民服务',
    navigationBarTextStyle: 'black',
    // 'default' also makes Taro draw its title bar (with a back button) on H5
    navigationStyle: 'default',
    backgroundColor: '#f3f5f5'
  },
  tabBar: {
    color: '#4d4d4d',
    selectedColor: '#0b6e63',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png'
      },
      {
        pagePath: 'pages/booking/index',
        text: '预约',
        iconPath: 'assets/tabbar/booking.png',
        selectedIconPath: 'assets/tabbar/booking-active.png'
      },
      {
        pagePath: 'pages/orders/index',
        text: '订单',
        iconPath: 'assets/tabbar/orders.png',
        selectedIconPath: 'assets/tabbar/orders-active.png'
      },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' }
    ]
  },
  // The visiting nurse's location at departure, arrival and leaving, and with an alarm (上门护理).
  permission: { 'scope.userLocation': { desc: '记录上门护理出发、到达和报警时的位置，保障护士安全' } },
  requiredPrivateInfos: ['getLocation'],
  lazyCodeLoading: 'requiredComponents'
})
