import { serviceCards } from './catalogue'
import { serviceTypes } from '../../../tests/app/fixtures'

describe('serviceCards', () => {
  it('shows the catalogue in the person’s language', () => {
    const [knife] = serviceCards(serviceTypes, 'ja')
    expect(knife).toMatchObject({ name: '包丁研ぎ', bring: '研ぐ刃物を新聞紙に包んでお持ちください', provider: '棟長・ボランティアの職人', sensitive: false })
  })

  it('falls back to the Chinese original where nobody translated', () => {
    const tailor = serviceCards(serviceTypes, 'ko')[2]
    expect(tailor).toMatchObject({ name: '改衣服', provider: '3号楼王阿姨', bring: '' })
  })

  it('treats a blank translation as missing', () => {
    const [card] = serviceCards([{ ...serviceTypes[0], name: { 'zh-CN': '磨刀', en: '  ' } }], 'en')
    expect(card.name).toBe('磨刀')
  })

  it('keeps the sensitive flag for readings that only the person may see', () => {
    expect(serviceCards(serviceTypes, 'zh-CN').map((card) => card.sensitive)).toEqual([false, true, false])
  })
})
