import Taro from '@tarojs/taro'

export interface ExportFile {
  name: string
  content: string
}

/**
 * Mini program: the files are written to the user data folder and offered to a chat through
 * 转发给朋友/文件传输助手 (wx.shareFileMessage), which is how a WeChat user keeps a file.
 * Chosen over `saveExport.h5.ts` by Taro's platform file suffix.
 */
export async function saveExport(files: ExportFile[]): Promise<string> {
  const fs = Taro.getFileSystemManager()
  const root = (Taro.env as { USER_DATA_PATH?: string }).USER_DATA_PATH ?? ''
  const paths = files.map((f) => {
    const filePath = `${root}/${f.name}`
    fs.writeFileSync(filePath, f.content, 'utf8')
    return { filePath, fileName: f.name }
  })
  const share = (Taro as unknown as { shareFileMessage?: (o: { filePath: string; fileName: string }) => Promise<unknown> }).shareFileMessage
  if (!share) return '已保存到小程序文件夹'
  // WeChat lets a file be shared only from a tap; the reply arrived after the first one, so ask for another.
  const { confirm } = await Taro.showModal({
    title: '健康档案已生成',
    content: `共${paths.length}个文件，发送到微信聊天（如「文件传输助手」）即可保存或转给医生。`,
    confirmText: '发送',
    cancelText: '稍后'
  })
  if (!confirm) return '已保存到小程序文件夹'
  for (const p of paths) await share(p)
  return '已发送'
}
