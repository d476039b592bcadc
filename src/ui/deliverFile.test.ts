import Taro from '@tarojs/taro'
import { readBlob } from '@/ui/testing'
import { deliverFile } from './deliverFile'

describe('deliverFile', () => {
  it('downloads the file with its name and type in the browser', async () => {
    const createObjectURL = jest.fn((blob: Blob) => (void blob, 'blob:http://127.0.0.1/1'))
    const revokeObjectURL = jest.fn()
    Object.assign(URL, { createObjectURL, revokeObjectURL })
    const clicked: HTMLAnchorElement[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this)
    })

    await expect(deliverFile('{"ok":true}\n', 'linliting-my-data.json', 'application/json', 'h5')).resolves.toBe('downloaded')
    await expect(deliverFile('a,b\n1,2\n', 'hours.csv', 'text/csv;charset=utf-8', 'h5')).resolves.toBe('downloaded')

    const [json, csv] = createObjectURL.mock.calls.map(([blob]) => blob)
    expect(json.type).toBe('application/json')
    expect(await readBlob(json)).toBe('{"ok":true}\n')
    expect(clicked[0].download).toBe('linliting-my-data.json')
    expect(csv.type).toBe('text/csv;charset=utf-8')
    expect(await readBlob(csv)).toBe('a,b\n1,2\n')
    expect(clicked[1].download).toBe('hours.csv')
    expect(document.querySelector('a[download]')).toBeNull()
    click.mockRestore()
  })

  it('writes the file to the user folder and opens WeChat’s share sheet on weapp', async () => {
    const writeFileSync = jest.fn()
    const shareFileMessage = jest.fn(async () => ({ errMsg: 'shareFileMessage:ok' }))
    Object.assign(Taro, { env: { USER_DATA_PATH: 'wxfile://usr' }, getFileSystemManager: () => ({ writeFileSync }), shareFileMessage })

    await expect(deliverFile('{}', 'linliting-my-data.json', 'application/json', 'weapp')).resolves.toBe('shared')

    expect(writeFileSync).toHaveBeenCalledWith('wxfile://usr/linliting-my-data.json', '{}', 'utf8')
    expect(shareFileMessage).toHaveBeenCalledWith({ filePath: 'wxfile://usr/linliting-my-data.json', fileName: 'linliting-my-data.json' })
  })
})
