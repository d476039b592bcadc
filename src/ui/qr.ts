import qrcode from 'qrcode-generator'

/**
 * The app's one QR encoder (qrcode-generator): a booking's code drawn with Views (features/service QrCode) and the
 * volunteers' rotating check-in code drawn as an image (volunteer roster). Error correction level M, byte mode, the
 * smallest version that holds the text.
 */

function encode(text: string) {
  // The payloads are ids and codes (ASCII). The library's byte mode keeps only the low byte of each character (its
  // UTF-8 converter is not in the build webpack picks): refuse rather than draw a code that scans as something else.
  if (/[^\x00-\x7f]/.test(text)) throw new RangeError('QR payloads are ASCII')
  const qr = qrcode(0, 'M')
  qr.addData(text, 'Byte')
  try {
    qr.make()
  } catch (reason) {
    // The library throws a string when no version holds the text.
    throw new RangeError(`QR payload too long: ${String(reason)}`)
  }
  return qr
}

/** The modules, row by row: true is dark. Throws a RangeError on text it cannot encode. */
export function qrMatrix(text: string): boolean[][] {
  const qr = encode(text)
  const size = qr.getModuleCount()
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)))
}

/** Each row as runs of dark modules [start, length]: far fewer Views to draw than one per module. */
export function darkRuns(matrix: boolean[][]): [number, number][][] {
  return matrix.map((row) => {
    const runs: [number, number][] = []
    let start = -1
    row.forEach((dark, x) => {
      if (dark && start < 0) start = x
      if ((!dark || x === row.length - 1) && start >= 0) {
        runs.push([start, (dark ? x + 1 : x) - start])
        start = -1
      }
    })
    return runs
  })
}

/** A GIF data URL for an Image: `cell` pixels per module and a quiet zone of `margin` pixels. */
export function qrImageUrl(text: string, cell = 8, margin = 2): string {
  return encode(text).createDataURL(cell, margin)
}
