import Taro from '@tarojs/taro'
import { EXPORT_FILE_NAME } from './summary'

export type Saved = 'downloaded' | 'shared'

/**
 * Hands the export to the person as a file. H5: a download. weapp: a file in the app's own user folder, then
 * WeChat's share sheet (send it to oneself or to "文件传输助手"); shareFileMessage must run inside the tap, so
 * nothing is awaited before it.
 */
export function saveExport(json: string, env: string | undefined = process.env.TARO_ENV): Promise<Saved> {
  if (env === 'weapp') {
    const filePath = `${Taro.env.USER_DATA_PATH}/${EXPORT_FILE_NAME}`
    Taro.getFileSystemManager().writeFileSync(filePath, json, 'utf8')
    return Taro.shareFileMessage({ filePath, fileName: EXPORT_FILE_NAME }).then(() => 'shared' as const)
  }
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = EXPORT_FILE_NAME
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoked on the next turn: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 0)
  return Promise.resolve('downloaded')
}
