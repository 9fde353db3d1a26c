/**
 * `npm run bench`: prints figures, never fails on a number. Each section measures the real thing:
 * the embedded engine through the SDK, and the size of the weapp build.
 */
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { benchDecoction, printDecoction } from './decoction'
import { benchBooking, printBookingBench } from './booking'
import { benchEngine } from './engine'
import { weappPackageSizes } from './package-size'
import { benchRecords, printRecords } from './records'

const WECHAT_LIMIT_KB = 2048
const MAIN_TARGET_KB = 1024

async function main() {
  console.log('== embedded engine through @cloudbase/node-sdk')
  const e = await benchEngine()
  console.log(`inserts/s                 ${e.insertsPerSec.toFixed(0)}`)
  console.log(`indexed queries/s         ${e.indexedQueriesPerSec.toFixed(0)}`)
  console.log(`conditional updates/s     ${e.conditionalUpdatesPerSec.toFixed(0)}`)
  console.log(`round trips per cond. update ${e.roundTripsPerConditionalUpdate}`)
  console.log(
    `CPU µs per indexed query  ${e.cpuMicrosPerIndexedQuery.toFixed(0)}   per cond. update ${e.cpuMicrosPerConditionalUpdate.toFixed(0)}`
  )

  console.log('\n== pharmacy queue (decoction.queue, one status page, 1,000 vs 100,000 orders)')
  printDecoction(await benchDecoction())

  await import('./nursing').then(
    async (n) => (console.log('\n== 护理部 board (nursing.board, 1,000 vs 100,000 requests)'), n.printNursing(await n.benchNursing()))
  )

  console.log('\n== booking burst through the local host (POST /api/fn/booking)')
  printBookingBench(await benchBooking())

  console.log('\n== health records: 90-day chart (records.listReadings), 100 vs 10,000 readings')
  printRecords(await benchRecords())

  console.log('\n== weapp package size')
  if (!existsSync('dist/weapp/app.json')) execSync('npx taro build --type weapp', { stdio: 'inherit' })
  const s = weappPackageSizes()
  console.log(
    `main package              ${s.mainKB} KB  (target < ${MAIN_TARGET_KB} KB, WeChat limit ${WECHAT_LIMIT_KB} KB)  ${s.mainKB < MAIN_TARGET_KB ? 'OK' : 'OVER TARGET'}`
  )
  for (const [root, kb] of Object.entries(s.subpackagesKB)) console.log(`subpackage ${root.padEnd(14)} ${kb} KB`)
  console.log(`total                     ${s.totalKB} KB`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
