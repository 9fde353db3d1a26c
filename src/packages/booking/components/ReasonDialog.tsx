import { Text, View } from '@tarojs/components'
import { Dialog, TextArea } from '@nutui/nutui-react-taro'
import React from 'react'
import './booking.scss'

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
  onConfirm(): void
  onClose(): void
}

/** A confirmation that asks for a reason: cancelling a booking (family or hotline), lifting a ban. */
export function ReasonDialog(p: Props) {
  return (
    <Dialog
      visible={p.visible}
      title={p.title}
      content={
        <View>
          <Text className="text-body block">{p.message}</Text>
          <TextArea
            className="bk-textarea"
            value={p.reason}
            onChange={p.onReasonChange}
            placeholder={p.placeholder}
            maxLength={100}
            rows={2}
          />
        </View>
      }
      confirmText={p.busy ? '请稍候…' : p.confirmText}
      cancelText={p.cancelText}
      disableConfirmButton={p.busy}
      onConfirm={p.onConfirm}
      onCancel={p.onClose}
      onClose={p.onClose}
    />
  )
}
