/**
 * Jest stand-ins for @tarojs/components: plain DOM elements that pass taps and input through, so component tests
 * drive the UI as a person would. (The real components are covered by the weapp and browser layers.)
 */
import { createContext, useContext, type ReactNode } from 'react'

type Props = Record<string, unknown> & { children?: ReactNode; className?: string }

function strip(props: Props) {
  const { onClick, onTap, onInput, onChange, onConfirm, openType, onAgreePrivacyAuthorization, hoverClass, style, ...rest } = props
  void hoverClass
  void onConfirm
  const dom: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'children' || key === 'className' || key === 'disabled' || key === 'placeholder' || key === 'value' || key === 'id') dom[key] = value
    else if (key.startsWith('data-') || key.startsWith('aria-')) dom[key] = value
  }
  if (typeof style === 'object' && style !== null) dom.style = style
  // WeChat's open-type buttons: a tap on one with open-type agreePrivacyAuthorization fires that event (the only
  // agreement WeChat accepts), so the stand-in fires it on click and shows the open-type for tests to check.
  if (typeof openType === 'string') dom['data-open-type'] = openType
  const agree = openType === 'agreePrivacyAuthorization' ? (onAgreePrivacyAuthorization as ((event: unknown) => void) | undefined) : undefined
  const click = (agree ?? onTap ?? onClick) as ((event: unknown) => void) | undefined
  if (click) dom.onClick = click
  const input = (onInput ?? onChange) as ((event: { detail: { value: string } }) => void) | undefined
  if (input) dom.onChange = (event: { target: { value: string } }) => input({ detail: { value: event.target.value } })
  return dom
}

/**
 * WeChat's <text> draws only text and nested <text>: a <view>, <image>, <button> or any other component inside it is
 * not drawn on phones (the browser build shows it, so only this check catches it before a phone does). Text provides
 * the class names of the nearest enclosing Text; every other stand-in throws when rendered inside one.
 */
const InsideText = createContext<string | null>(null)

function useNotInText(name: string) {
  const text = useContext(InsideText)
  if (text !== null) {
    throw new Error(
      `<${name}> inside <Text> is not drawn by WeChat: <Text${text ? ` className="${text}"` : ''}> holds a <${name}>. ` +
        'Put it beside the words instead (IconLine from src/ui/Icon.tsx for an icon, or a View wrapping the icon and a Text).',
    )
  }
}

function drawnOutsideText<P>(name: string, render: (props: P) => ReactNode) {
  function Component(props: P) {
    useNotInText(name)
    return render(props)
  }
  Component.displayName = name
  return Component
}

export const View = drawnOutsideText('View', (props: Props) => <div {...strip(props)} />)
export const Text = (props: Props) => {
  const outer = useContext(InsideText)
  const className = typeof props.className === 'string' ? props.className : ''
  return (
    <InsideText.Provider value={outer !== null && !className ? outer : className}>
      <span {...strip(props)} />
    </InsideText.Provider>
  )
}
export const Button = drawnOutsideText('Button', (props: Props) => <button type="button" {...strip(props)} />)
export const Input = drawnOutsideText('Input', (props: Props) => <input {...strip(props)} />)
export const Textarea = drawnOutsideText('Textarea', (props: Props) => <textarea {...strip(props)} />)
export const Image = drawnOutsideText('Image', (props: Props) => <img alt="" src={String(props.src ?? '')} className={props.className} />)
export const ScrollView = drawnOutsideText('ScrollView', (props: Props) => <div {...strip(props)} />)
export const Switch = drawnOutsideText('Switch', (props: Props) => (
  <input type="checkbox" checked={Boolean(props.checked)} onChange={(event) => (props.onChange as ((e: { detail: { value: boolean } }) => void) | undefined)?.({ detail: { value: event.target.checked } })} />
))
export const Canvas = drawnOutsideText('Canvas', (props: Props) => <canvas id={props.id as string | undefined} className={props.className} />)
export const Navigator = drawnOutsideText('Navigator', (props: Props) => <div {...strip(props)} />)
export const Picker = drawnOutsideText('Picker', (props: Props) => <div {...strip(props)} />)
