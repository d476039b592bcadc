import Taro from '@tarojs/taro'
import { readBlob } from '@/ui/testing'
import { saveExport } from './saveFile'

describe('saveExport', () => {
  it('downloads a JSON file named linliting-my-data.json in the browser', async () => {
    const createObjectURL = jest.fn((blob: Blob) => (void blob, 'blob:http://127.0.0.1/1'))
    const revokeObjectURL = jest.fn()
    Object.assign(URL, { createObjectURL, revokeObjectURL })
    const clicked: HTMLAnchorElement[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this)
    })

    await expect(saveExport('{"ok":true}\n', 'h5')).resolves.toBe('downloaded')

    const blob = createObjectURL.mock.calls[0][0]
    expect(blob.type).toBe('application/json')
    expect(await readBlob(blob)).toBe('{"ok":true}\n')
    expect(clicked[0].download).toBe('linliting-my-data.json')
    expect(document.querySelector('a[download]')).toBeNull()
    click.mockRestore()
  })

  it('writes the file to the user folder and opens WeChat’s share sheet on weapp', async () => {
    const writeFileSync = jest.fn()
    const shareFileMessage = jest.fn(async () => ({ errMsg: 'shareFileMessage:ok' }))
    Object.assign(Taro, { env: { USER_DATA_PATH: 'wxfile://usr' }, getFileSystemManager: () => ({ writeFileSync }), shareFileMessage })

    await expect(saveExport('{}', 'weapp')).resolves.toBe('shared')

    expect(writeFileSync).toHaveBeenCalledWith('wxfile://usr/linliting-my-data.json', '{}', 'utf8')
    expect(shareFileMessage).toHaveBeenCalledWith({ filePath: 'wxfile://usr/linliting-my-data.json', fileName: 'linliting-my-data.json' })
  })
})
