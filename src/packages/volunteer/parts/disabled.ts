/**
 * Taro's H5 button keeps `disabled="false"` as an attribute, which `.btn[disabled]` greys out: a button that works
 * but looks dead is the worst of both for an older person. Pass the attribute only when it is true.
 */
export function disabledIf(condition: boolean): true | undefined {
  return condition ? true : undefined
}
