// Draws the share-card pictures (5:4, as WeChat shows them) from flat shapes into small indexed PNGs, so they are
// made here, reviewable as code, and cost a few KB: 首页 and 楼栋 in the main package (src/assets/share/), a session's
// and a shift's in their own subpackages. No words on them: the card's title carries the words in the sharer's
// language. `node scripts/draw-share-images.mjs` rewrites them; config/index.ts copies them into dist/.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const W = 500
const H = 400
/** The app's colours (src/core/theme.scss): page, 党建红, ink, gold, white, soft red, line. */
const PALETTE = [
  [0xf6, 0xf1, 0xea],
  [0xb3, 0x26, 0x1e],
  [0x1f, 0x1a, 0x17],
  [0xc8, 0xa0, 0x4a],
  [0xff, 0xff, 0xff],
  [0xfb, 0xe9, 0xe7],
  [0xe6, 0xdd, 0xd3],
]
const [PAGE, RED, INK, GOLD, WHITE, SOFT, LINE] = PALETTE.map((_, index) => index)

function canvas() {
  const pixels = new Uint8Array(W * H).fill(PAGE)
  const set = (x, y, colour) => {
    if (x >= 0 && y >= 0 && x < W && y < H) pixels[y * W + x] = colour
  }
  return {
    pixels,
    rect(x, y, w, h, colour) {
      for (let j = Math.max(0, y); j < Math.min(H, y + h); j += 1) for (let i = Math.max(0, x); i < Math.min(W, x + w); i += 1) set(i, j, colour)
    },
    /** A triangle with a flat base from (x0, base) to (x1, base) and its apex at (ax, ay). */
    triangle(ax, ay, x0, x1, base, colour) {
      for (let y = ay; y <= base; y += 1) {
        const t = (y - ay) / Math.max(1, base - ay)
        const left = Math.round(ax + (x0 - ax) * t)
        const right = Math.round(ax + (x1 - ax) * t)
        for (let x = left; x <= right; x += 1) set(x, y, colour)
      }
    },
    circle(cx, cy, r, colour) {
      for (let y = cy - r; y <= cy + r; y += 1) for (let x = cx - r; x <= cx + r; x += 1) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) set(x, y, colour)
    },
  }
}

/** The pavilion (亭) of the app's name: roof, eaves, beam, four pillars, a step. */
function pavilion(c, cx, top, scale = 1) {
  const s = (n) => Math.round(n * scale)
  c.triangle(cx, top, cx - s(150), cx + s(150), top + s(70), RED)
  c.rect(cx - s(160), top + s(70), s(320), s(14), RED)
  c.circle(cx, top - s(6), s(10), GOLD)
  c.rect(cx - s(120), top + s(84), s(240), s(12), INK)
  for (const x of [-110, -50, 36, 96]) c.rect(cx + s(x), top + s(96), s(14), s(110), INK)
  c.rect(cx - s(140), top + s(206), s(280), s(16), LINE)
}

function building(c, x, y) {
  c.rect(x, y, 150, 250, WHITE)
  c.rect(x, y, 150, 16, RED)
  for (let row = 0; row < 6; row += 1) for (let col = 0; col < 3; col += 1) c.rect(x + 18 + col * 44, y + 34 + row * 36, 26, 20, row === 2 && col === 1 ? GOLD : LINE)
  c.rect(x + 55, y + 214, 40, 36, INK)
}

function clock(c, cx, cy) {
  c.circle(cx, cy, 64, RED)
  c.circle(cx, cy, 52, WHITE)
  c.rect(cx - 4, cy - 40, 8, 44, INK)
  c.rect(cx - 4, cy - 4, 34, 8, INK)
  c.circle(cx, cy, 8, GOLD)
}

function people(c, cx, base) {
  for (const [dx, colour] of [[-46, RED], [46, GOLD]]) {
    c.circle(cx + dx, base - 110, 26, colour)
    c.rect(cx + dx - 36, base - 76, 72, 76, colour)
  }
  c.rect(cx - 12, base - 60, 24, 16, WHITE)
}

const DRAWINGS = {
  'src/assets/share/home.png': (c) => {
    c.rect(0, 0, W, 60, RED)
    c.rect(0, 340, W, 60, SOFT)
    pavilion(c, 250, 90, 1)
  },
  'src/assets/share/building.png': (c) => {
    c.rect(0, 0, W, 40, RED)
    building(c, 60, 110)
    pavilion(c, 345, 150, 0.6)
    c.rect(0, 360, W, 40, SOFT)
  },
  'src/packages/service/share.png': (c) => {
    c.rect(0, 0, W, 40, RED)
    pavilion(c, 170, 120, 0.75)
    clock(c, 385, 190)
    c.rect(0, 360, W, 40, SOFT)
  },
  'src/packages/volunteer/share.png': (c) => {
    c.rect(0, 0, W, 40, RED)
    pavilion(c, 165, 120, 0.75)
    people(c, 385, 330)
    c.rect(0, 360, W, 40, SOFT)
  },
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** An 8-bit indexed PNG: one palette, each row filtered with "none" (flat shapes compress best that way). */
export function encodePng(pixels, width = W, height = H) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 3
  const raw = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y += 1) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(PALETTE.flat())),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

for (const [file, draw] of Object.entries(DRAWINGS)) {
  const c = canvas()
  draw(c)
  const png = encodePng(c.pixels)
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
  fs.writeFileSync(path.join(root, file), png)
  console.log(`${file}: ${W}×${H}, ${png.length} B`)
}
