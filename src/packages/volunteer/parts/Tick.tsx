import { Button, Text } from '@tarojs/components'

/** A checkbox that an older hand can hit: the whole line toggles, and "on" shows a tick, not only a colour. */
export function Tick({ on, label, onChange }: { on: boolean; label: string; onChange: (next: boolean) => void }) {
  return (
    <Button className={`vol-tick ${on ? 'vol-tick--on' : ''}`} aria-checked={on} onClick={() => onChange(!on)}>
      <Text className="vol-tick__box" aria-hidden="true">
        {on ? '✓' : ''}
      </Text>
      <Text className="vol-tick__text">{label}</Text>
    </Button>
  )
}
