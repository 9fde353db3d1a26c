/**
 * applyDatabase against a recording stand-in for @cloudbase/manager-node: which management calls a
 * deploy makes on a fresh environment, on one that is already set up, and when a rule reads back open.
 */
import { applyDatabase, planDatabase, requireCredentials, type DatabaseClient } from '../../scripts/apply-database'
import type { DatabaseManifest } from '../../cloudfunctions/common/collections'

const small: DatabaseManifest = {
  rule: { read: false, write: false },
  collections: [
    { name: 'accounts', indexes: [{ name: 'openid_unique', keys: [{ field: 'openid', direction: 1 }], unique: true }] },
    {
      name: 'audit_log',
      indexes: [
        {
          name: 'actor_at',
          keys: [
            { field: 'actor.accountId', direction: 1 },
            { field: 'at', direction: -1 }
          ]
        }
      ]
    }
  ]
}

type ExistingIndex = { Name: string; Keys: Array<{ Name: string; Direction: string }>; Unique: boolean }

/** An environment that answers like CloudBase's management API and records every change made to it. */
function environment(state: { collections?: Record<string, ExistingIndex[]>; ruleReadsBack?: { AclTag: string; Rule?: string } } = {}) {
  const collections = new Map(Object.entries(state.collections ?? {}))
  const rules = new Map<string, { AclTag: string; Rule?: string }>()
  const calls: string[] = []
  const client: DatabaseClient = {
    database: {
      async createCollectionIfNotExists(name) {
        if (collections.has(name)) return { IsCreated: false }
        collections.set(name, [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: false }])
        calls.push(`CreateTable ${name}`)
        return { IsCreated: true }
      },
      async describeCollection(name) {
        const indexes = collections.get(name)
        if (!indexes) throw new Error(`collection ${name} does not exist`)
        return { Indexes: indexes }
      },
      async updateCollection(name, change) {
        for (const ix of change.CreateIndexes) {
          calls.push(`UpdateTable ${name} ${ix.IndexName} ${JSON.stringify(ix.MgoKeySchema)}`)
          const list = collections.get(name)!.filter((i) => i.Name !== ix.IndexName)
          list.push({ Name: ix.IndexName, Keys: ix.MgoKeySchema.MgoIndexKeys, Unique: ix.MgoKeySchema.MgoIsUnique })
          collections.set(name, list)
        }
        return {}
      }
    },
    commonService: () => ({
      async call({ Action, Param }) {
        if (Action === 'ModifySafeRule') {
          calls.push(`ModifySafeRule ${Param.EnvId} ${Param.CollectionName} ${Param.AclTag} ${Param.Rule}`)
          rules.set(String(Param.CollectionName), { AclTag: String(Param.AclTag), Rule: String(Param.Rule) })
          return {}
        }
        if (Action === 'DescribeSafeRule') return state.ruleReadsBack ?? rules.get(String(Param.CollectionName)) ?? { AclTag: 'PRIVATE' }
        throw new Error(`unexpected action ${Action}`)
      }
    })
  }
  return { client, calls }
}

const quiet = { envId: 'prod-1a2b', log: () => undefined }

test('a fresh environment gets every collection, every index with its uniqueness, and a closed rule on each', async () => {
  const env = environment()
  await applyDatabase(planDatabase(small), env.client, quiet)
  expect(env.calls).toEqual([
    'CreateTable accounts',
    'UpdateTable accounts openid_unique {"MgoIndexKeys":[{"Name":"openid","Direction":"1"}],"MgoIsUnique":true}',
    'ModifySafeRule prod-1a2b accounts CUSTOM {"read":false,"write":false}',
    'CreateTable audit_log',
    'UpdateTable audit_log actor_at {"MgoIndexKeys":[{"Name":"actor.accountId","Direction":"1"},{"Name":"at","Direction":"-1"}],"MgoIsUnique":false}',
    'ModifySafeRule prod-1a2b audit_log CUSTOM {"read":false,"write":false}'
  ])
})

test('deploying again leaves matching indexes alone and still closes every rule', async () => {
  const env = environment()
  await applyDatabase(planDatabase(small), env.client, quiet)
  env.calls.length = 0
  await applyDatabase(planDatabase(small), env.client, quiet)
  expect(env.calls).toEqual([
    'ModifySafeRule prod-1a2b accounts CUSTOM {"read":false,"write":false}',
    'ModifySafeRule prod-1a2b audit_log CUSTOM {"read":false,"write":false}'
  ])
})

test('an index whose declared uniqueness changed is replaced under the same name', async () => {
  const env = environment({
    collections: {
      accounts: [{ Name: 'openid_unique', Keys: [{ Name: 'openid', Direction: '1' }], Unique: false }],
      audit_log: [
        {
          Name: 'actor_at',
          Keys: [
            { Name: 'actor.accountId', Direction: '1' },
            { Name: 'at', Direction: '-1' }
          ],
          Unique: false
        }
      ]
    }
  })
  await applyDatabase(planDatabase(small), env.client, quiet)
  expect(env.calls.filter((c) => c.startsWith('UpdateTable'))).toEqual([
    'UpdateTable accounts openid_unique {"MgoIndexKeys":[{"Name":"openid","Direction":"1"}],"MgoIsUnique":true}'
  ])
})

test('a security rule that reads back open stops the deploy and names the collection', async () => {
  const env = environment({ ruleReadsBack: { AclTag: 'READONLY' } })
  await expect(applyDatabase(planDatabase(small), env.client, quiet)).rejects.toThrow(
    /collection accounts: security rule[\s\S]*reads back as READONLY/
  )
})

test('a rule that reads back as admin-only counts as closed', async () => {
  const env = environment({ ruleReadsBack: { AclTag: 'ADMINONLY' } })
  await expect(applyDatabase(planDatabase(small), env.client, quiet)).resolves.toBeUndefined()
})

test('missing credentials are refused in Chinese and English, naming each variable', () => {
  expect(() => requireCredentials({ ENV_ID: 'prod-1a2b', TENCENTCLOUD_SECRETID: ' ' })).toThrow(
    /缺少部署凭据：TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY[\s\S]*Missing deploy credentials: TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY/
  )
  expect(requireCredentials({ ENV_ID: 'prod-1a2b', TENCENTCLOUD_SECRETID: 'AKIDx', TENCENTCLOUD_SECRETKEY: 'k' })).toEqual({
    envId: 'prod-1a2b',
    secretId: 'AKIDx',
    secretKey: 'k',
    token: undefined
  })
})
