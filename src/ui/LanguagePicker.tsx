import { View } from '@tarojs/components'
import { LOCALES, type Locale } from '@contracts/model'
import { LANGUAGE_NAMES } from './messages'
import { Tappable } from './Tappable'
import './LanguagePicker.scss'

interface Props {
  value: Locale
  onChange: (locale: Locale) => void
}

/** One choice of several: a radio group to a screen reader (H5; WeChat reads each option's role and state). */
const groupAttributes = process.env.TARO_ENV === 'h5' ? { role: 'radiogroup' } : {}

/** Each language named in itself, the current one ticked (not told by colour alone). */
export function LanguagePicker({ value, onChange }: Props) {
  return (
    <View className="language-picker" {...groupAttributes}>
      {LOCALES.map((locale) => {
        const selected = locale === value
        return (
          <Tappable
            key={locale}
            className={`btn language-picker__option ${selected ? 'language-picker__option--selected' : 'btn--ghost'}`}
            role="radio"
            checked={selected}
            onTap={() => {
              if (!selected) onChange(locale)
            }}
          >
            {selected ? `✓ ${LANGUAGE_NAMES[locale]}` : LANGUAGE_NAMES[locale]}
          </Tappable>
        )
      })}
    </View>
  )
}
