import { Text, View } from '@tarojs/components'
import React from 'react'
import { ROLE_LABELS, type Role } from '../../types/contract'

/** Staff roles stand out in the brand colour; the everyone-role 患者/家属 stays quiet. */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  return (
    <View className="role-tags">
      {roles.map((r) => (
        <Text key={r} className={`role-tag${r === 'patient' ? '' : ' role-tag--staff'}`}>
          {ROLE_LABELS[r]}
        </Text>
      ))}
    </View>
  )
}
