export interface ExportFile {
  name: string
  content: string
}

/** H5: each file is downloaded by the browser. */
export async function saveExport(files: ExportFile[]): Promise<string> {
  for (const f of files) {
    const url = URL.createObjectURL(new Blob([f.content], { type: 'application/json;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = url
    a.download = f.name
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  return '已下载'
}
