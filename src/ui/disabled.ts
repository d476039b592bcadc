/**
 * Taro's H5 button keeps a `disabled="false"` attribute, which its own stylesheet (and `.btn[disabled]`) style as
 * disabled: white-on-white text at half opacity. Leaving the prop out when the button is enabled avoids that.
 */
export function disabledIf(condition: boolean): true | undefined {
  return condition ? true : undefined
}
