/** `npm start`: builds the H5 app if it is missing, starts the local host, prints its address. */
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { hostDataDir, startHost } from '../cloudfunctions/local/host'
import { FieldKeyError, loadSecrets } from '../cloudfunctions/local/secrets'

async function main() {
  // A field key the data folder was not written with is refused now, not after a build.
  loadSecrets(hostDataDir())
  if (!existsSync('dist/h5/index.html')) {
    console.log('首次启动：正在构建 H5 应用（约1-2分钟）…')
    execSync('npx taro build --type h5', { stdio: 'inherit' })
  }
  const host = await startHost({ staticDir: 'dist/h5' })
  console.log(`\n县域医院便民服务 已启动：${host.url}\n数据目录：${process.env.DATA_DIR ?? '.data'}   按 Ctrl-C 停止\n`)
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    console.log('正在停止…')
    await host.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  // A refusal says what to do; a stack would only bury it.
  console.error(err instanceof FieldKeyError ? `\n${err.message}\n` : err)
  process.exit(1)
})
