/**
 * Jest stand-ins for @tarojs/components: plain DOM elements that pass taps and input through, so component tests
 * drive the UI as a person would. (The real components are covered by the weapp and browser layers.)
 */
import type { ReactNode } from 'react'

type Props = Record<string, unknown> & { children?: ReactNode; className?: string }

function strip(props: Props) {
  const { onClick, onTap, onInput, onChange, onConfirm, openType, hoverClass, style, ...rest } = props
  void openType
  void hoverClass
  void onConfirm
  const dom: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'children' || key === 'className' || key === 'disabled' || key === 'placeholder' || key === 'value' || key === 'id') dom[key] = value
    else if (key.startsWith('data-') || key.startsWith('aria-')) dom[key] = value
  }
  if (typeof style === 'object' && style !== null) dom.style = style
  const click = (onTap ?? onClick) as ((event: unknown) => void) | undefined
  if (click) dom.onClick = click
  const input = (onInput ?? onChange) as ((event: { detail: { value: string } }) => void) | undefined
  if (input) dom.onChange = (event: { target: { value: string } }) => input({ detail: { value: event.target.value } })
  return dom
}

export const View = (props: Props) => <div {...strip(props)} />
export const Text = (props: Props) => <span {...strip(props)} />
export const Button = (props: Props) => <button type="button" {...strip(props)} />
export const Input = (props: Props) => <input {...strip(props)} />
export const Textarea = (props: Props) => <textarea {...strip(props)} />
export const Image = (props: Props) => <img alt="" src={String(props.src ?? '')} className={props.className} />
export const ScrollView = View
export const Switch = (props: Props) => (
  <input type="checkbox" checked={Boolean(props.checked)} onChange={(event) => (props.onChange as ((e: { detail: { value: boolean } }) => void) | undefined)?.({ detail: { value: event.target.checked } })} />
)
export const Navigator = View
export const Picker = View
