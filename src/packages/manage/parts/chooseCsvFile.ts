import Taro from '@tarojs/taro'
import { failureReason } from '@/core/permission'

/**
 * Lets the person pick a CSV file and reads it as text. weapp: a file from a WeChat chat (chooseMessageFile — where
 * an Excel sheet sent by a colleague arrives). H5: the browser's file picker. Null when they cancel; 'privacy' when they
 * declined WeChat's privacy guide that chooseMessageFile asked for (the page offers to try again).
 */
export function chooseCsvFile(env: string | undefined = process.env.TARO_ENV): Promise<{ name: string; text: string } | null | 'privacy'> {
  if (env === 'weapp') {
    return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] }).then(
      ({ tempFiles }) => {
        const [file] = tempFiles
        if (!file) return null
        const text = Taro.getFileSystemManager().readFileSync(file.path, 'utf8') as string
        return { name: file.name, text }
      },
      (error: unknown) => (failureReason(error) === 'privacy' ? 'privacy' : null),
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
