// Builds dist/h5 when it is missing or older than any file it is built from.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { execSync } from 'node:child_process'

function newest(path) {
  if (!existsSync(path)) return 0
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))))
}

const built = existsSync('dist/h5/index.html') ? statSync('dist/h5/index.html').mtimeMs : 0
const sources = Math.max(...['src', 'types', 'config', 'babel.config.js', 'package-lock.json'].map(newest))
if (built < sources) {
  console.log('building dist/h5…')
  execSync('npx taro build --type h5', { stdio: 'inherit' })
} else {
  console.log('dist/h5 is up to date')
}
