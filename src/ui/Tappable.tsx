import { Button, View } from '@tarojs/components'
import type { ButtonProps } from '@tarojs/components'
import type { ReactNode } from 'react'

/** What a reader calls a tappable thing. `tab` and `option` are the only roles that may say "selected". */
export type TapRole = 'button' | 'checkbox' | 'radio' | 'switch' | 'tab' | 'option'

export interface TappableProps {
  onTap?: () => void
  children?: ReactNode
  className?: string
  /** The name a reader says, when the words on the element are not enough (a room number alone, an icon). */
  label?: string
  role?: TapRole
  /** A toggle button: on or off. */
  pressed?: boolean
  /** A checkbox, radio (one choice of several) or switch: ticked or not. */
  checked?: boolean
  /** A tab or option: the chosen one. Ignored for the other roles, where "selected" means nothing to a reader. */
  selected?: boolean
  disabled?: boolean
  /**
   * `button` (the default) is WeChat's native button, announced as one by 读屏 with no help. `cell` is a View, for
   * cells of a grid where a native button's own styles and one element per cell matter (the building's rooms): it is
   * called a button by `aria-role` on weapp.
   */
  kind?: 'button' | 'cell'
  hoverClass?: ButtonProps['hoverClass']
  style?: string
  id?: string
}

type Attributes = Record<string, string | number | boolean | ((event: KeyboardEvent) => void)>

/** The ARIA attributes of a tappable thing on this target; H5 adds the role, the tab stop and the keys. */
export function tapAttributes({ label, role = 'button', pressed, checked, selected, disabled, kind = 'button' }: TappableProps): Attributes {
  const attributes: Attributes = {}
  if (label) attributes['aria-label'] = label
  if (pressed !== undefined) attributes['aria-pressed'] = String(pressed)
  if (checked !== undefined) attributes['aria-checked'] = String(checked)
  if (selected !== undefined && (role === 'tab' || role === 'option')) attributes['aria-selected'] = String(selected)
  if (disabled) attributes['aria-disabled'] = 'true'
  if (process.env.TARO_ENV === 'h5') {
    // Taro's H5 components are custom elements: no role and no tab stop of their own (src/ui/documentA11y.ts gives
    // every Taro button one; a cell has only these).
    attributes.role = role
    // Lower case: Taro's H5 View writes a camelCase prop as a dashed attribute (tab-index), which browsers ignore.
    attributes.tabindex = disabled ? -1 : 0
    attributes.onKeyDown = pressWithKeys
  } else if (role !== 'button' || kind === 'cell') {
    attributes['aria-role'] = role
  }
  return attributes
}

/** Enter and Space press a button that is not a native <button> (what a browser does for a native one). */
export function pressWithKeys(event: KeyboardEvent): void {
  // defaultPrevented: a Tappable's own handler and documentA11y's on the same element press it once.
  if ((event.key !== 'Enter' && event.key !== ' ') || event.defaultPrevented) return
  const target = event.currentTarget
  if (!(target instanceof HTMLElement) || target !== event.target) return
  event.preventDefault()
  if (target.getAttribute('aria-disabled') !== 'true') target.click()
}

/**
 * The one thing a person taps (issue 21): a button to assistive technology on both targets, with its name and its
 * state (pressed, checked, selected, disabled). Decorative icons inside it are hidden by Icon and aria-hidden marks.
 */
export function Tappable(props: TappableProps) {
  const { onTap, children, className = '', disabled, kind = 'button', hoverClass, style, id } = props
  const attributes = tapAttributes(props)
  if (kind === 'cell') {
    return (
      <View id={id} className={className} style={style} onClick={disabled ? undefined : onTap} {...attributes}>
        {children}
      </View>
    )
  }
  return (
    <Button id={id} className={className} style={style} hoverClass={hoverClass} disabled={disabled} onClick={onTap} {...attributes}>
      {children}
    </Button>
  )
}
