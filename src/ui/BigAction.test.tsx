import { fireEvent, render, screen } from '@testing-library/react'
import { BigAction } from './BigAction'
import { scissors } from './icons'
import { SectionTitle } from './SectionTitle'

describe('BigAction', () => {
  it('is one tap target with a title and an optional description', () => {
    const onTap = jest.fn()
    const { container, rerender } = render(<BigAction icon={scissors} title="便民服务" description="磨刀、缝补" onTap={onTap} />)
    fireEvent.click(screen.getByText('磨刀、缝补'))
    expect(onTap).toHaveBeenCalledTimes(1)
    rerender(<BigAction icon={scissors} title="便民服务" size="large" onTap={onTap} />)
    expect(container.querySelector('.big-action--large')).not.toBeNull()
    expect(container.querySelector('.big-action__description')).toBeNull()
    // The icon is decoration beside the words: hidden from screen readers.
    expect(container.querySelector('.big-action__glyph')?.getAttribute('aria-hidden')).toBe('true')
  })
})

describe('SectionTitle', () => {
  it('shows a title with an optional action', () => {
    const onTap = jest.fn()
    render(<SectionTitle title="我的房屋" action={{ label: '添加房屋', onTap }} />)
    fireEvent.click(screen.getByText('添加房屋'))
    expect(onTap).toHaveBeenCalled()
  })
})
