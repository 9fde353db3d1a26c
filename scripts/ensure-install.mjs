// Installs dependencies when node_modules is missing or older than package-lock.json, so that
// `npm start` and `npm test` work on a fresh clone with nothing installed by hand.
// `npm install` rather than `npm ci`: npm 11's ci refuses this lockfile over the optional
// platform bindings of @tarojs/binding that it never records; install honours the lock all the same.
import { existsSync, statSync, utimesSync } from 'node:fs'
import { execSync } from 'node:child_process'

const marker = 'node_modules/.package-lock.json'
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs
if (stale) {
  console.log('安装依赖 (npm install)…')
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit' })
  if (existsSync(marker)) utimesSync(marker, new Date(), new Date())
}
