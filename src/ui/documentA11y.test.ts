import { startDocumentA11y } from './documentA11y'

/** MutationObserver callbacks run after a microtask. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('startDocumentA11y (H5: what Taro draws as custom elements)', () => {
  const observer = startDocumentA11y(document)
  afterAll(() => observer.disconnect())
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('makes a Taro button a button with a tab stop, pressed by Enter and Space', async () => {
    const button = document.createElement('taro-button-core')
    const taps = jest.fn()
    button.addEventListener('click', taps)
    document.body.append(button)
    await flush()
    expect(button.getAttribute('role')).toBe('button')
    expect(button.tabIndex).toBe(0)
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
    button.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true }))
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true }))
    expect(taps).toHaveBeenCalledTimes(2)
  })

  it('says disabled while the button is, and takes it back when it is enabled again (Taro removes the attribute)', async () => {
    const button = document.createElement('taro-button-core')
    button.setAttribute('disabled', 'true')
    document.body.append(button)
    await flush()
    expect(button.getAttribute('aria-disabled')).toBe('true')
    expect(button.tabIndex).toBe(-1)
    button.removeAttribute('disabled')
    await flush()
    expect(button.hasAttribute('aria-disabled')).toBe(false)
    expect(button.tabIndex).toBe(0)
    button.setAttribute('disabled', 'false')
    await flush()
    expect(button.hasAttribute('aria-disabled')).toBe(false)
  })

  it('keeps a role given by the app (a checkbox stays a checkbox)', async () => {
    const tick = document.createElement('taro-button-core')
    tick.setAttribute('role', 'checkbox')
    document.body.append(tick)
    await flush()
    expect(tick.getAttribute('role')).toBe('checkbox')
  })

  it("moves an input's name onto the real <input>, an image's onto the <img> as alt; a wrapper with a role keeps it too", async () => {
    const input = document.createElement('taro-input-core')
    input.setAttribute('aria-label', '邀请码')
    input.append(document.createElement('input'))
    const image = document.createElement('taro-image-core')
    image.setAttribute('aria-label', '证书')
    const photo = document.createElement('taro-image-core')
    photo.setAttribute('role', 'button')
    photo.setAttribute('aria-label', '践诺照片 1')
    photo.append(document.createElement('img'))
    document.body.append(input, image, photo)
    await flush()
    expect(input.querySelector('input')?.getAttribute('aria-label')).toBe('邀请码')
    expect(input.hasAttribute('aria-label')).toBe(false)
    // The <img> arrives after its wrapper (Taro renders it once there is a src).
    image.append(document.createElement('img'))
    await flush()
    expect(image.querySelector('img')?.getAttribute('alt')).toBe('证书')
    expect(image.hasAttribute('aria-label')).toBe(false)
    expect(photo.getAttribute('aria-label')).toBe('践诺照片 1')
    expect(photo.querySelector('img')?.getAttribute('alt')).toBe('践诺照片 1')
  })

  it('makes the app’s titles headings', async () => {
    const title = document.createElement('taro-text-core')
    title.className = 'title'
    const subtitle = document.createElement('taro-text-core')
    subtitle.className = 'subtitle'
    document.body.append(title, subtitle)
    await flush()
    expect([title.getAttribute('role'), title.getAttribute('aria-level')]).toEqual(['heading', '1'])
    expect([subtitle.getAttribute('role'), subtitle.getAttribute('aria-level')]).toEqual(['heading', '2'])
  })
})
