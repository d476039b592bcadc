export default defineAppConfig({
  pages: ['pages/home/index', 'pages/building/index', 'pages/services/index', 'pages/volunteer/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/account', pages: ['privacy/index', 'join/index', 'data/index', 'profile/index', 'requests/index'] },
    { root: 'packages/manage', pages: ['index', 'queue/index', 'invites/index', 'audit/index', 'buildings/index', 'import/index', 'residents/index', 'people/index', 'dashboard/index', 'exports/index'] },
    { root: 'packages/household', pages: ['card/index', 'apply/index', 'mine/index', 'review/index', 'coverage/index'] },
    { root: 'packages/service', pages: ['session/index', 'mine/index', 'roster/index', 'create/index', 'readings/index'] },
    { root: 'packages/volunteer', pages: ['shift/index', 'team/index', 'mine/index', 'certificate/index', 'lead/index', 'roster/index', 'create/index', 'admin/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTitleText: '邻里亭',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f1ea',
  },
  tabBar: {
    color: '#5c5149',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/building/index', text: '楼栋', iconPath: 'assets/tab/building.png', selectedIconPath: 'assets/tab/building-on.png' },
      { pagePath: 'pages/services/index', text: '服务', iconPath: 'assets/tab/services.png', selectedIconPath: 'assets/tab/services-on.png' },
      { pagePath: 'pages/volunteer/index', text: '志愿', iconPath: 'assets/tab/volunteer.png', selectedIconPath: 'assets/tab/volunteer-on.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png' },
    ],
  },
  // The household cards open from the 楼栋 grid: fetch their subpackage while the person looks at the building.
  // Each tab fetches the subpackage its next tap most likely opens (issue 19), so that page opens without a download.
  preloadRule: {
    // 首页's cards open the privacy summary and joining a building (packages/account) for whoever has not done both.
    'pages/home/index': { network: 'all', packages: ['packages/account'] },
    // Every tab also fetches packages/account: it holds the privacy guide's prompt and the in-line notice that any page
    // may need to show (src/ui/Overlays.tsx loads them from there), so they are on the phone before they are needed.
    'pages/building/index': { network: 'all', packages: ['packages/household', 'packages/account'] },
    // A session and its booking open from the 服务 tab.
    'pages/services/index': { network: 'all', packages: ['packages/service', 'packages/account'] },
    // Shifts and hours open from the 志愿 tab.
    'pages/volunteer/index': { network: 'all', packages: ['packages/volunteer', 'packages/account'] },
    // 我的 opens the profile, homes, data and privacy pages (packages/account); the console is for the few who lead.
    'pages/me/index': { network: 'all', packages: ['packages/account'] },
  },
  // WeChat's privacy guide: privacy APIs wait for the user's agreement (onNeedPrivacyAuthorization in app.ts).
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
  // What WeChat search may index (src/sitemap.json, copied into dist/ by config/index.ts): not the console, not accounts.
  sitemapLocation: 'sitemap.json',
})
