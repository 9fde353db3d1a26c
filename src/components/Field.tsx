import { Text, View } from '@tarojs/components'
import React from 'react'

interface FieldProps {
  label: string
  required?: boolean
  /** Shown in red under the control; takes the place of the hint. */
  error?: string
  hint?: React.ReactNode
  children: React.ReactNode
  /** Lets a test or a screen reader find the field by its data name. */
  name?: string
}

/** One labelled form row: label above, control, then the error (or a hint) right under it. */
export function Field({ label, required, error, hint, children, name }: FieldProps) {
  return (
    <View className={`field${error ? ' field--error' : ''}`} data-field={name}>
      <Text className="field__label">
        {label}
        {required ? <Text className="field__required"> *</Text> : null}
      </Text>
      <View className="field__control">{children}</View>
      {error ? (
        <Text className="field__error" aria-live="polite">
          {error}
        </Text>
      ) : hint ? (
        <View className="field__hint">{hint}</View>
      ) : null}
    </View>
  )
}
