// Draws the extension's icon (docs/images/icon.png, 128×128): a check mark over a partial sign's
// stroke on a dark tile. Kept as code so the icon can be regenerated without an image editor.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const size = 128;
const rgba = new Uint8Array(size * size * 4);

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const check = [
  [
    [30, 68],
    [54, 92],
  ],
  [
    [54, 92],
    [100, 38],
  ],
];
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4;
    // Rounded tile: transparent outside a radius-20 corner.
    const cx = Math.min(Math.max(x, 20), size - 21);
    const cy = Math.min(Math.max(y, 20), size - 21);
    const inside = Math.hypot(x - cx, y - cy) <= 20;
    if (!inside) continue;
    let [r, g, b] = [24, 38, 66];
    const d = Math.min(...check.map((s) => distanceToSegment(x + 0.5, y + 0.5, ...s)));
    const ink = Math.max(0, Math.min(1, 7.5 - d)); // anti-aliased stroke of width ≈ 15
    r = Math.round(r + (120 - r) * ink);
    g = Math.round(g + (220 - g) * ink);
    b = Math.round(b + (140 - b) * ink);
    rgba.set([r, g, b, 255], i);
  }
}

function crc32(bytes) {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++)
  Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw)),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../docs/images/icon.png', import.meta.url), png);
