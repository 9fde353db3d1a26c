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
  for (const p of paths) await share(p)
  return '已发送'
}
