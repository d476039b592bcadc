/**
 * WeChat's 读屏 (issue 21): Taro's weapp templates carry only the attributes Taro knows, and it knows no `aria-*`.
 * @tarojs/plugin-inject adds them to the compiled templates (base.wxml). Every attribute on View or Text is written
 * into each nesting level of their templates (about 45 for View, 21 for Text), so each costs the main package about
 * 1 KB there: only the attributes the app uses, on the components that use them. The values are read by WeChat
 * (aria-component, base library 2.7.1+); an attribute left unset renders empty, which the reader ignores.
 */
const attributes = (...names: string[]) => Object.fromEntries(names.map((name) => [name, '']))

export const a11yInject = {
  components: {
    // A tappable View is named and called a button (src/ui/Tappable.tsx); icons are hidden; a drawing is an image; a title is a heading.
    View: attributes('aria-role', 'aria-label', 'aria-hidden'),
    // Decorative marks beside words are hidden; a code is read digit by digit.
    Text: attributes('aria-hidden', 'aria-label'),
    // A native button is announced as a button already: it needs a name when its words are not enough, and its state.
    Button: attributes('aria-role', 'aria-label', 'aria-pressed', 'aria-checked', 'aria-selected', 'aria-disabled'),
    // A photo that opens large is a button (src/features/household/parts.tsx).
    Image: attributes('aria-role', 'aria-label'),
    Input: attributes('aria-label'),
    Textarea: attributes('aria-label'),
  },
}
