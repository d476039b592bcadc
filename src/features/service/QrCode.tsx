import { View } from '@tarojs/components'
import { useMemo } from 'react'
import { darkRuns, qrMatrix } from '@/ui/qr'
import './service.scss'

/**
 * The booking's QR code drawn with Views (no canvas): one View per run of dark modules, positioned in
 * percent so it scales with the box. A white quiet zone of four modules lets scanners find it.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, rows } = useMemo(() => {
    const matrix = qrMatrix(text)
    return { size: matrix.length + 8, rows: darkRuns(matrix) }
  }, [text])
  const unit = 100 / size
  return (
    <View className="svc-qr" role="img" aria-label={label}>
      {rows.map((runs, y) =>
        runs.map(([x, length]) => (
          <View
            key={`${y}-${x}`}
            className="svc-qr__run"
            style={{ left: `${(x + 4) * unit}%`, top: `${(y + 4) * unit}%`, width: `${length * unit + 0.05}%`, height: `${unit + 0.05}%` }}
          />
        )),
      )}
    </View>
  )
}
