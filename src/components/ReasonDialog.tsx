import { Text, View } from '@tarojs/components'
import { Dialog, TextArea } from '@nutui/nutui-react-taro'
import React, { useEffect, useState } from 'react'
import './reason-dialog.scss'

interface Props {
  visible: boolean
  title: string
  /** What the person is about to do, read back in full. */
  message: React.ReactNode
  reason: string
  onReasonChange(value: string): void
  placeholder: string
  confirmText: string
  cancelText: string
  busy: boolean
  /** Called only with a reason filled in; the dialog itself says what is missing. */
  onConfirm(reason: string): void
  onClose(): void
  /** Said under the box when the reason is empty, e.g. 请填写停诊原因. */
  missingText?: string
  /** A family's own cancellation may go without a reason; staff actions may not. */
  optional?: boolean
}

/**
 * A confirmation that asks for a reason (cancelling a booking, 停诊, lifting a ban). It stays
 * open on an empty reason and says so, instead of closing with nothing done.
 */
export function ReasonDialog(p: Props) {
  const [missing, setMissing] = useState(false)
  useEffect(() => {
    if (!p.visible) setMissing(false)
  }, [p.visible])

  const confirm = () => {
    const reason = p.reason.trim()
    if (!reason && !p.optional) {
      setMissing(true)
      return
    }
    p.onConfirm(reason)
  }

  return (
    <Dialog
      visible={p.visible}
      title={p.title}
      content={
        <View className="reason-dialog">
          <Text className="text-body block">{p.message}</Text>
          <TextArea
            className={`reason-dialog__box${missing ? ' reason-dialog__box--missing' : ''}`}
            value={p.reason}
            onChange={(v) => {
              if (v.trim()) setMissing(false)
              p.onReasonChange(v)
            }}
            placeholder={p.placeholder}
            maxLength={100}
            rows={2}
          />
          {missing ? (
            <Text className="reason-dialog__missing block" aria-live="polite">
              {p.missingText ?? '请填写原因'}
            </Text>
          ) : null}
        </View>
      }
      confirmText={p.busy ? '请稍候…' : p.confirmText}
      cancelText={p.cancelText}
      disableConfirmButton={p.busy}
      onConfirm={confirm}
      onCancel={p.onClose}
      // NutUI calls onClose after every confirm, even one refused for an empty reason; the page
      // closes the dialog itself once the action has succeeded.
      onClose={() => undefined}
    />
  )
}
