/**
 * A title a screen reader can jump to (issue 21): role heading with its level on H5, aria-role on weapp (WeChat's
 * 读屏 has no levels). Spread onto the View or Text that shows the title.
 */
export function headingAttributes(level: 1 | 2 | 3): Record<string, string | number> {
  return process.env.TARO_ENV === 'h5' ? { role: 'heading', 'aria-level': level } : { 'aria-role': 'heading' }
}
