import Taro from '@tarojs/taro'

export type Delivered = 'downloaded' | 'shared'

/**
 * Hands a CSV file to the person. H5: a download. weapp: a file in the app's own user folder, then WeChat's share
 * sheet (to oneself, a colleague or 文件传输助手) — the way a file leaves a mini-program. shareFileMessage must run
 * inside the tap, so the file is built before (the export page prepares it first, then offers this button).
 */
export function deliverCsv(csv: string, fileName: string, env: string | undefined = process.env.TARO_ENV): Promise<Delivered> {
  if (env === 'weapp') {
    const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
    Taro.getFileSystemManager().writeFileSync(filePath, csv, 'utf8')
    return Taro.shareFileMessage({ filePath, fileName }).then(() => 'shared' as const)
  }
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoked on the next turn: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 0)
  return Promise.resolve('downloaded')
}

/**
 * Lets the person pick a CSV file and reads it as text. weapp: a file from a WeChat chat (chooseMessageFile — where
 * an Excel sheet sent by a colleague arrives). H5: the browser's file picker. Null when they cancel.
 */
export function chooseCsvFile(env: string | undefined = process.env.TARO_ENV): Promise<{ name: string; text: string } | null> {
  if (env === 'weapp') {
    return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] }).then(
      ({ tempFiles }) => {
        const [file] = tempFiles
        if (!file) return null
        const text = Taro.getFileSystemManager().readFileSync(file.path, 'utf8') as string
        return { name: file.name, text }
      },
      () => null,
    )
  }
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.csv,.txt,text/csv,text/plain'
    input.onchange = () => {
      const file = input.files?.[0]
      if (!file) return resolve(null)
      const reader = new FileReader()
      reader.onload = () => resolve({ name: file.name, text: String(reader.result) })
      reader.onerror = () => resolve(null)
      reader.readAsText(file, 'utf-8')
    }
    input.click()
  })
}
