import { fireEvent, render, screen } from '@testing-library/react'
import { LanguagePicker } from './LanguagePicker'

describe('LanguagePicker', () => {
  it('names every language in itself and ticks the current one', () => {
    render(<LanguagePicker value="ko" onChange={jest.fn()} />)
    const options = screen.getAllByRole('button')
    expect(options.map((option) => option.textContent)).toEqual(['中文', 'English', '✓ 한국어', '日本語'])
    // One choice of several: radios that say which is ticked (aria-selected belongs to tabs and options only).
    expect(options.map((option) => option.getAttribute('aria-checked'))).toEqual(['false', 'false', 'true', 'false'])
    expect(options.map((option) => option.getAttribute('aria-role'))).toEqual(['radio', 'radio', 'radio', 'radio'])
  })

  it('reports a new choice, and ignores a tap on the current one', () => {
    const onChange = jest.fn()
    render(<LanguagePicker value="zh-CN" onChange={onChange} />)
    fireEvent.click(screen.getByText('✓ 中文'))
    fireEvent.click(screen.getByText('日本語'))
    expect(onChange.mock.calls).toEqual([['ja']])
  })
})
