import { Button, View } from '@tarojs/components'
import { LOCALES, type Locale } from '@contracts/model'
import { LANGUAGE_NAMES } from './messages'
import './LanguagePicker.scss'

interface Props {
  value: Locale
  onChange: (locale: Locale) => void
}

/** Each language named in itself, the current one ticked (not told by colour alone). */
export function LanguagePicker({ value, onChange }: Props) {
  return (
    <View className="language-picker">
      {LOCALES.map((locale) => {
        const selected = locale === value
        return (
          <Button
            key={locale}
            className={`btn language-picker__option ${selected ? 'language-picker__option--selected' : 'btn--ghost'}`}
            aria-selected={selected}
            onClick={() => {
              if (!selected) onChange(locale)
            }}
          >
            {selected ? `✓ ${LANGUAGE_NAMES[locale]}` : LANGUAGE_NAMES[locale]}
          </Button>
        )
      })}
    </View>
  )
}
