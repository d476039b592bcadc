import { Text } from '@tarojs/components'
import { Tappable } from '@/ui/Tappable'

/** A checkbox that an older hand can hit: the whole line toggles, and "on" shows a tick, not only a colour. */
export function Tick({ on, label, onChange }: { on: boolean; label: string; onChange: (next: boolean) => void }) {
  return (
    <Tappable className={`vol-tick ${on ? 'vol-tick--on' : ''}`} role="checkbox" checked={on} onTap={() => onChange(!on)}>
      <Text className="vol-tick__box" aria-hidden="true">
        {on ? '✓' : ''}
      </Text>
      <Text className="vol-tick__text">{label}</Text>
    </Tappable>
  )
}
