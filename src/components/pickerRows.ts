import type React from 'react'

/**
 * Wheel rows 44 px tall, 60 px in 长辈模式, for a View around a NutUI DatePicker or Picker. Inline, in
 * CSS px: the wheel reads this variable with parseFloat, and a stylesheet value would be turned into
 * rem by pxtransform. Pair it with `threeDimensional={false}`: the 3D wheel draws its rows on top of
 * each other in the H5 build.
 */
export const pickerRowStyle = (elder: boolean) => ({ '--nutui-picker-item-height': elder ? '60px' : '44px' }) as React.CSSProperties
