import Taro from '@tarojs/taro'

/**
 * NutUI theme variables for ConfigProvider. NutUI's own CSS is drawn at 375 wide, so sizes here are
 * given in those units and turned into rpx (weapp) / rem (H5) like everything else in the app.
 */
const u = (px375: number): string => Taro.pxTransform(px375 * 2)

const brand = {
  nutuiColorPrimary: '#0b6e63',
  nutuiColorPrimaryStop1: '#0b6e63',
  nutuiColorPrimaryStop2: '#0b6e63',
  nutuiColorPrimaryPressed: '#08574e',
  nutuiColorPrimaryDisabled: '#7fb3ab',
  nutuiColorPrimaryDisabledSpecial: '#7fb3ab',
  nutuiButtonPrimaryDisabled: '#7fb3ab',
  nutuiColorPrimaryLightPressed: '#e3f2f0',
  nutuiColorPrimaryIcon: '#0b6e63',
  nutuiButtonPrimaryBorderColor: '#0b6e63',
  nutuiSwitchActiveBackgroundColor: '#0b6e63',
  nutuiColorDanger: '#c62828',
  nutuiColorTitle: '#1a1a1a',
  nutuiColorText: '#333333',
  nutuiColorTextHelp: '#5c5c5c',
  nutuiColorTextDisabled: '#8c8c8c',
  nutuiRadioButtonBackground: '#f0f2f2',
  nutuiRadioButtonActiveBorder: '1px solid #0b6e63'
}

export type Theme = Record<string, string>

const baseTheme = (): Theme => ({
  ...brand,
  nutuiButtonLargeHeight: u(48),
  nutuiButtonLargeFontSize: u(17),
  nutuiButtonDefaultHeight: u(40),
  nutuiButtonDefaultFontSize: u(15),
  nutuiCellTitleFontSize: u(16),
  nutuiCellDescriptionFontSize: u(13),
  nutuiCellExtraFontSize: u(15),
  nutuiCellPadding: `${u(14)} ${u(16)}`,
  nutuiInputFontSize: u(16),
  nutuiRadioLabelFontSize: u(15),
  nutuiRadioButtonFontSize: u(15),
  nutuiRadioButtonPadding: `${u(8)} ${u(16)}`,
  nutuiCheckboxLabelFontSize: u(15),
  nutuiCheckboxIconFontSize: u(20),
  nutuiToastTextFontSize: u(15),
  nutuiDialogHeaderFontSize: u(17),
  nutuiTagFontSize: u(12),
  nutuiTagHeight: u(20)
})

/**
 * 长辈模式: roughly 1.3x type, taller tap targets, near-black text. Secondary grey is darkened
 * so helper text keeps a 7:1 contrast.
 */
const elderTheme = (): Theme => ({
  ...brand,
  nutuiColorTitle: '#000000',
  nutuiColorText: '#111111',
  nutuiColorTextHelp: '#333333',
  // MIIT 适老化: no text under 18 px, even NutUI's small and helper text.
  nutuiFontSizeXs: u(18),
  nutuiFontSizeS: u(18),
  nutuiFontSizeBase: u(19),
  nutuiFontSizeL: u(21),
  nutuiFontSizeXl: u(23),
  nutuiButtonLargeHeight: u(60),
  nutuiButtonLargeFontSize: u(22),
  nutuiButtonDefaultHeight: u(52),
  nutuiButtonDefaultFontSize: u(20),
  nutuiButtonSmallHeight: u(44),
  nutuiButtonSmallFontSize: u(18),
  nutuiCellTitleFontSize: u(21),
  nutuiCellDescriptionFontSize: u(18),
  nutuiCellExtraFontSize: u(19),
  nutuiCellPadding: `${u(20)} ${u(16)}`,
  nutuiCellLineHeight: u(30),
  nutuiInputFontSize: u(21),
  nutuiSwitchWidth: u(64),
  nutuiSwitchHeight: u(36),
  nutuiSwitchLineHeight: u(36),
  nutuiSwitchBorderRadius: u(18),
  nutuiSwitchInsideBorderRadius: u(16),
  nutuiRadioLabelFontSize: u(20),
  nutuiRadioButtonFontSize: u(20),
  nutuiRadioButtonPadding: `${u(12)} ${u(20)}`,
  nutuiRadioIconFontSize: u(24),
  nutuiCheckboxLabelFontSize: u(20),
  nutuiCheckboxIconFontSize: u(26),
  nutuiToastTextFontSize: u(20),
  nutuiToastTitleFontSize: u(22),
  nutuiDialogHeaderFontSize: u(22),
  nutuiDialogContentLineHeight: u(30),
  nutuiTagFontSize: u(18),
  nutuiTagHeight: u(28),
  nutuiTagPadding: `0 ${u(8)}`
})

let cache: { base: Theme; elder: Theme } | null = null

/** Built on first use: pxTransform only knows the design width once the app has started. */
export function themeFor(elderMode: boolean): Theme {
  if (!cache) cache = { base: baseTheme(), elder: elderTheme() }
  return elderMode ? cache.elder : cache.base
}
