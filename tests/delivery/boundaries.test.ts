/**
 * The service boundaries are enforced by lint, not by review: the repository's own ESLint config
 * (eslint.config.mjs, rule `local/service-boundaries`) run on fixture sources placed at real paths.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

jest.setTimeout(60_000)

const root = join(__dirname, '..', '..')

interface Fixture {
  file: string
  code: string
}

/** ESLint's API in a child Node process (ESLint loads its flat config as ES modules, which jest's VM does not). */
function lint(fixtures: Fixture[]): string[][] {
  const script = `
    const { ESLint } = require('eslint')
    const fixtures = JSON.parse(process.argv[1])
    ;(async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(root)} })
      const out = []
      for (const f of fixtures) {
        const [r] = await eslint.lintText(f.code, { filePath: f.file })
        out.push(r.messages.filter((m) => m.ruleId === 'local/service-boundaries').map((m) => m.message))
      }
      process.stdout.write(JSON.stringify(out))
    })().catch((e) => { console.error(e); process.exit(1) })
  `
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(fixtures)], { cwd: root, encoding: 'utf8' }))
}

test('a function importing another function, or deployed code importing the local host, fails lint; shared code passes', () => {
  const at = (path: string) => join(root, path)
  const cases: Array<Fixture & { fails: RegExp | null }> = [
    {
      file: at('cloudfunctions/booking/actions/x.ts'),
      code: "import { ownProfile } from '../../account/profiles'\nexport const y = ownProfile\n",
      fails: /another function's folder/
    },
    {
      file: at('cloudfunctions/jobs/actions/x.ts'),
      code: "export { APPOINTMENTS } from '../../booking/docs'\n",
      fails: /another function's folder/
    },
    {
      file: at('cloudfunctions/decoction/x.ts'),
      code: "export type P = import('../account/docs').StaffDoc\n",
      fails: /another function's folder/
    },
    {
      file: at('cloudfunctions/common/x.ts'),
      code: "import { fn } from '../booking/index'\nexport const y = fn\n",
      fails: /another function's folder/
    },
    {
      file: at('cloudfunctions/account/x.ts'),
      code: "import { seed } from '../local/seed'\nexport const y = seed\n",
      fails: /cloudfunctions\/local/
    },
    {
      file: at('cloudfunctions/registry.ts'),
      code: "import { startHost } from './local/host'\nexport const y = startHost\n",
      fails: /cloudfunctions\/local/
    },
    {
      file: at('cloudfunctions/booking/actions/x.ts'),
      code: "import { ownProfile } from '../../common/patients'\nimport { APPOINTMENTS } from '../docs'\nimport type { BookingPatient } from '../../../types/booking'\nexport const y = [ownProfile, APPOINTMENTS] as unknown as BookingPatient\n",
      fails: null
    },
    { file: at('cloudfunctions/registry.ts'), code: "import { fn } from './booking/index'\nexport const y = fn\n", fails: null },
    { file: at('cloudfunctions/local/x.ts'), code: "import { fn } from '../booking/index'\nexport const y = fn\n", fails: null }
  ]
  const found = lint(cases)
  cases.forEach((c, i) => {
    if (c.fails) expect({ file: c.file, messages: found[i] }).toEqual({ file: c.file, messages: [expect.stringMatching(c.fails)] })
    else expect({ file: c.file, messages: found[i] }).toEqual({ file: c.file, messages: [] })
  })
})
