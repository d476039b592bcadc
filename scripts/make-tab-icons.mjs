// Draws the tabBar icons (81×81 PNG, as WeChat recommends) from the SVG shapes below, in headless Chromium.
// Run once after changing a shape; the PNGs are committed (src/assets/tab/). They ship in the main package, so they
// are written as 4-bit palette PNGs: every pixel is the icon's one colour at one of 16 opacities (the anti-aliased
// edge), about a quarter of the bytes of the 32-bit screenshot with no difference visible at tab-bar size.
// tests/app/tab-icons.test.ts checks the format and the size.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'
import { launchBrowser } from '../tests/e2e/harness.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SIZE = 81
const LEVELS = 16
const SHAPES = {
  home: '<path d="M12 40 L40 14 L68 40" /><path d="M20 34 V66 H60 V34" /><path d="M34 66 V48 H46 V66" />',
  building: '<rect x="18" y="10" width="30" height="58" rx="2"/><path d="M48 30 H64 V68 H48"/><path d="M26 20 h6 M36 20 h6 M26 30 h6 M36 30 h6 M26 40 h6 M36 40 h6 M26 50 h6 M36 50 h6 M54 40 h4 M54 50 h4"/><path d="M30 68 V60 H36 V68"/>',
  services: '<circle cx="40" cy="40" r="26"/><path d="M40 24 V40 L52 48"/>',
  volunteer: '<path d="M40 64 C16 48 12 36 14 28 C16 18 30 14 40 26 C50 14 64 18 66 28 C68 36 64 48 40 64 Z"/>',
  me: '<circle cx="40" cy="28" r="13"/><path d="M14 68 C16 52 27 46 40 46 C53 46 64 52 66 68"/>',
}
const COLORS = { '': '#5c5149', '-on': '#b3261e' }

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes) {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const out = Buffer.alloc(8 + data.length + 4)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), 8 + data.length)
  return out
}

/** A 4-bit indexed PNG of one colour (`#rrggbb`) at the opacities in `alpha` (one byte per pixel, row by row). */
export function paletteIcon(color, alpha, width = SIZE, height = SIZE) {
  const rgb = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
  const step = 255 / (LEVELS - 1)
  const palette = Buffer.from(Array.from({ length: LEVELS }, () => rgb).flat())
  const transparency = Buffer.from(Array.from({ length: LEVELS }, (_, level) => Math.round(level * step)))
  const rowBytes = Math.ceil(width / 2)
  const raw = Buffer.alloc((rowBytes + 1) * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const level = Math.round(alpha[y * width + x] / step)
      raw[y * (rowBytes + 1) + 1 + (x >> 1)] |= x % 2 === 0 ? level << 4 : level
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([4, 3, 0, 0, 0], 8) // bit depth 4, colour type 3 (palette), deflate, filter 0, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', palette),
    chunk('tRNS', transparency),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const browser = await launchBrowser()
  const page = await browser.newPage()
  for (const [name, shape] of Object.entries(SHAPES)) {
    for (const [suffix, color] of Object.entries(COLORS)) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 80 80" fill="none" stroke="${color}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`
      // Drawn into a canvas: its pixels (the alpha channel) go straight into the palette PNG.
      const alpha = await page.evaluate(
        async ({ svg, size }) => {
          const image = new Image()
          image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
          await image.decode()
          const canvas = document.createElement('canvas')
          canvas.width = size
          canvas.height = size
          const context = canvas.getContext('2d')
          context.drawImage(image, 0, 0)
          const { data } = context.getImageData(0, 0, size, size)
          return Array.from({ length: size * size }, (_, i) => data[i * 4 + 3])
        },
        { svg, size: SIZE },
      )
      fs.writeFileSync(path.join(root, 'src', 'assets', 'tab', `${name}${suffix}.png`), paletteIcon(color, alpha))
    }
  }
  await browser.close()
  console.log('tab icons written to src/assets/tab/')
}
