import Taro from '@tarojs/taro'

export type Delivered = 'downloaded' | 'shared'

/**
 * Hands a text file (an export, a CSV) to the person. H5: a download. weapp: a file in the app's own user folder,
 * then WeChat's share sheet (to oneself, a colleague or 文件传输助手) — the way a file leaves a mini-program.
 * shareFileMessage must run inside the tap, so nothing is awaited before it: build the text first.
 */
export function deliverFile(text: string, fileName: string, type: string, env: string | undefined = process.env.TARO_ENV): Promise<Delivered> {
  if (env === 'weapp') {
    const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
    Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8')
    return Taro.shareFileMessage({ filePath, fileName }).then(() => 'shared' as const)
  }
  const url = URL.createObjectURL(new Blob([text], { type }))
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
