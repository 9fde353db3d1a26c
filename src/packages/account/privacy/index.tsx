import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { DELETION_MEANING, WITHDRAWAL_MEANING } from '../../../../types/trust'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { ROUTES } from '../../../routes'
import { call } from '../../../services/api'
import { signOut } from '../../../services/session'
import { useSignedInAccount } from '../../../state/account'
import { useShownData } from '../../../state/useShownData'
import './index.scss'

const when = (at: string) =>
  new Date(at).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit'
  })

async function confirmed(title: string, lines: readonly string[], confirmText: string): Promise<boolean> {
  const res = await Taro.showModal({
    title,
    content: lines.map((l, i) => `${i + 1}. ${l}`).join('\n'),
    confirmText,
    confirmColor: '#c0392b',
    cancelText: '再想想'
  })
  return res.confirm
}

/** Saves the export: a download in the browser, a file shared to a chat in the mini program. */
async function save(doc: unknown): Promise<void> {
  const text = JSON.stringify(doc, null, 2)
  const name = `我的数据-${new Date().toISOString().slice(0, 10)}.json`
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = name
    a.click()
    URL.revokeObjectURL(url)
    return
  }
  const path = `${Taro.env.USER_DATA_PATH}/${name}`
  Taro.getFileSystemManager().writeFileSync(path, text, 'utf8')
  await Taro.shareFileMessage({ filePath: path, fileName: name })
}

function Privacy() {
  const { account, replaceAccount } = useSignedInAccount()
  const log = useShownData(() => call('account', 'myAccessLog', {}, { idempotent: true }))
  const [busy, setBusy] = useState<string | null>(null)

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what)
    try {
      await fn()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }

  const exportData = () =>
    run('export', async () => {
      await save(await call('account', 'exportMyData', {}, { idempotent: true }))
      toast('已导出', 'success')
    })

  const withdraw = () =>
    run('withdraw', async () => {
      if (!(await confirmed('撤回健康信息处理同意', WITHDRAWAL_MEANING, '确认撤回'))) return
      await call('account', 'withdrawHealthDataConsent', { confirm: true })
      replaceAccount(await call('account', 'whoami', {}, { idempotent: true }))
      toast('已撤回', 'success')
    })

  const close = () =>
    run('close', async () => {
      if (!(await confirmed('注销账号', DELETION_MEANING, '确认注销'))) return
      const res = await call('account', 'deleteAccount', { confirm: true })
      const lines = [
        res.cancelled.length ? `已取消：${res.cancelled.map((c) => c.label).join('；')}` : '没有需要取消的服务',
        ...res.kept.map((k) => `${k.label}${k.count}条已加密保存至${k.until}`)
      ]
      await Taro.showModal({
        title: '账号已注销',
        content: lines.map((l, i) => `${i + 1}. ${l}`).join('\n'),
        showCancel: false,
        confirmText: '知道了'
      })
      signOut()
      Taro.reLaunch({ url: ROUTES.home })
    })

  return (
    <View className="privacy">
      <View className="card">
        <Text className="privacy__title">谁查看了我的信息</Text>
        <Text className="text-muted block">医院工作人员每一次查看或处理您和家人的信息都会记录在这里。</Text>
        {log.loading && !log.data ? (
          <LoadingState />
        ) : log.error && !log.data ? (
          <ErrorState message={log.error} onRetry={log.reload} />
        ) : !log.data?.entries.length ? (
          <EmptyState title="暂无记录" description="还没有工作人员查看过您的信息" />
        ) : (
          log.data.entries.map((e, i) => (
            <View key={`${e.at}-${i}`} className="privacy__entry">
              <Text className="privacy__who">
                {e.roleLabel} {e.staffName}
              </Text>
              <Text className="privacy__what">
                {e.patientName ? `${e.patientName}的` : ''}
                {e.what}
                {e.reason ? `（${e.reason}）` : ''}
              </Text>
              <Text className="text-muted block">{when(e.at)}</Text>
            </View>
          ))
        )}
      </View>

      <View className="actions privacy__actions">
        <Button size="large" block loading={busy === 'export'} disabled={!!busy} onClick={exportData}>
          导出我的数据
        </Button>
        {account.healthDataConsent ? (
          <Button size="large" block loading={busy === 'withdraw'} disabled={!!busy} onClick={withdraw}>
            撤回健康信息处理同意
          </Button>
        ) : (
          <Button size="large" block onClick={() => Taro.navigateTo({ url: ROUTES.consent })}>
            重新同意健康信息处理
          </Button>
        )}
        <Button size="large" block type="danger" loading={busy === 'close'} disabled={!!busy} onClick={close}>
          注销账号
        </Button>
      </View>
    </View>
  )
}

export default function PrivacyPage() {
  return (
    <Page>
      <Privacy />
    </Page>
  )
}
