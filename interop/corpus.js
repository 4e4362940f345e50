#!/usr/bin/env node
// Corpus check, one protocol version per run: node-minecraft-protocol's
// serializer (minecraft-data's protocol for --version) writes deterministic
// pseudo-random instances of every packet of every state and direction;
// our `inspect --protocol N` decodes each one. Every instance must decode to
// the packet with the right id, consume every byte, re-encode byte for
// byte, and agree with the values node-minecraft-protocol's own parser
// reads from the same bytes.
//
//   node corpus.js --inspect PATH [--version 1.8.8 --protocol 47]
//                  [--instances N] [--seed S] [--dump DIR] [--quiet]
//                  [--md-note TEXT]
//
// Field values are compared leaf by leaf in wire order: the peer's parsed
// packet is flattened along minecraft-data's type tree, ours along our
// schema (`inspect --schema`, structured `wire` layouts), and each pair of
// leaves must have the same name (minecraft-data names through
// mcproto-packets/md-names/*.json, else camelCase -> snake_case) and the same
// value (see `compareLeaf` for the normalisations: fixed-point, angles,
// signedness, enums, switches, slots, NBT, both metadata encodings).
//
// Values minecraft-data and vanilla read differently are avoided (AVOIDED,
// per version); where our decoder is the odd one out, the case is listed in
// KNOWN_MISMATCHES and shown by a probe instead. --quiet prints only what
// is particular to the version and the totals. --md-note explains a
// minecraft-data version whose protocol number is not --protocol (108 is
// run with 1.9.2's data).
'use strict'

const fs = require('fs')
const path = require('path')
const { execFileSync } = require('child_process')
const mcp = require('minecraft-protocol')
const minecraftData = require('minecraft-data')

// ---------------------------------------------------------------- arguments
// From the command line, also when another script loads this one as a
// module (differential.js passes these options on to it that way).
const args = { instances: 24, version: '1.8.8', protocol: 47 }
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i]
  const next = () => {
    if (i + 1 >= process.argv.length) throw new Error(`${a} needs a value`)
    return process.argv[++i]
  }
  if (a === '--inspect') args.inspect = next()
  else if (a === '--instances') args.instances = parseInt(next(), 10)
  else if (a === '--seed') args.seed = next()
  else if (a === '--version') args.version = next()
  else if (a === '--protocol') args.protocol = parseInt(next(), 10)
  else if (a === '--dump') args.dump = next()
  else if (a === '--quiet') args.quiet = true
  else if (a === '--md-note') args.mdNote = next()
  else throw new Error(`unknown argument ${a}`)
}
if (!args.inspect) throw new Error('--inspect PATH is required')
const VERSION = args.version
const PROTOCOL = args.protocol
if (args.seed === undefined) args.seed = `mcproto-interop-${PROTOCOL}`
const REPO = path.resolve(__dirname, '..')

// ---------------------------------------------------------------- the cases we avoid
// Where minecraft-data (and so node-minecraft-protocol) and vanilla read the
// same bytes differently, or a peer cannot write a value, the corpus keeps
// to values both read alike. Each entry holds for protocols from..until
// (inclusive; open when absent).
const AVOIDED_ALL = [
  { until: 54, text: 'Spawn Object objectData: never negative. Vanilla 1.8 sends the velocity when data > 0, minecraft-data when data != 0 (from 1.9 the velocity is always sent).' },
  { text: 'Slot item id: -1 (empty) or 0..32767, never < -1. Vanilla ends any slot with a negative id; minecraft-data only -1.' },
  { text: 'VarLong (World Border speed): 0..2^31-1. node-minecraft-protocol writes VarLong with its 32-bit VarInt code (a negative value becomes 5 bytes of two\'s complement that a 64-bit VarLong reads as 2^32+v).' },
  { text: 'Click Window / Close Window window id: 0..127. Vanilla reads a signed byte, minecraft-data u8.' },
  { text: 'Map columns: 0..127. minecraft-data reads i8 (a negative value still selects the pixel fields), vanilla an unsigned byte; only 0 means "no pixels" in both below 128.' },
  { until: 54, text: 'Player Digging status / Update Score action: known values only (0..6 / 0..1): VarInt in minecraft-data and vanilla, Byte on some wiki revisions; same bytes below 128.' },
  { from: 107, text: 'Player Digging status / Update Score action: known values only (0..6 / 0..1): vanilla reads both with readEnumValue (another value is an error); open enums in our declarations.' },
  { text: 'Booleans: 0/1 only (minecraft-data writes true/false as 1/0).' },
  { text: 'Strings: valid UTF-8 (whole code points, no lone surrogates), length in UTF-16 units within our declared maximum (vanilla\'s readStringFromBuffer limits; list below).' },
  { until: 334, text: 'NBT strings and names: printable ASCII without NUL (prismarine-nbt writes UTF-8, vanilla and we use Java modified UTF-8, which differ for NUL and astral characters); compound keys unique; tag types 1..11 only (no Long Array, which this version does not have).' },
  { from: 335, text: 'NBT strings and names: printable ASCII without NUL (prismarine-nbt writes UTF-8, vanilla and we use Java modified UTF-8, which differ for NUL and astral characters); compound keys unique; tag types 1..12 (Long Array, tag 12, is new in 1.12).' },
  { until: 54, text: 'Entity metadata: never key 31 with type 3 (its header byte is 0x7F, the end marker).' },
  { from: 107, text: 'Entity metadata: keys 0..254 (255 ends the list); Direction values 0..5 only (vanilla reads them with readEnumValue, and so do we).' },
  { from: 210, text: 'Particle id 46 (falling dust, 1.10 on): never sent. Vanilla 1.10-1.12 writes one VarInt of data after it (a block state); minecraft-data\'s data switch knows only ids 36-38, so node-minecraft-protocol writes none and the packet it writes is short.' },
  { text: 'Closed enums and switch tags (ours reject unknown values as vanilla does): only declared values. Open enums also get unknown values.' }
]
const inRange = (e) => (e.from === undefined || PROTOCOL >= e.from) && (e.until === undefined || PROTOCOL <= e.until)
const AVOIDED = AVOIDED_ALL.filter(inRange).map((e) => e.text)

// ---------------------------------------------------------------- known mismatches
// Where our decoder disagrees with minecraft-data and vanilla. Each is kept
// out of the corpus (see the avoided cases) and shown by one probe instance:
// node-minecraft-protocol writes it, both sides read it, and the report
// prints the bytes and both readings. A probe our decoder reads as
// minecraft-data does fails the run, so that the entry goes once the
// mismatch is fixed.
const KNOWN_MISMATCHES_ALL = []
const KNOWN_MISMATCHES = KNOWN_MISMATCHES_ALL.filter((e) => inRange(e))

// ---------------------------------------------------------------- deterministic PRNG
function hashString (s) {
  let h = 2166136261 >>> 0
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619) >>> 0
  }
  return h
}
function makeRng (seedText) {
  let a = hashString(seedText)
  const next = () => { // mulberry32
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    u32: () => Math.floor(next() * 4294967296) >>> 0
  }
  return r
}

// ---------------------------------------------------------------- our schema and name maps
function runInspect (argv, input) {
  return execFileSync(args.inspect, argv, {
    input,
    maxBuffer: 1 << 30,
    timeout: 120000,
    encoding: 'utf8'
  })
}

const ourSchema = JSON.parse(runInspect(['--schema', '--protocol', String(PROTOCOL)]))
const ourPackets = new Map() // "state/direction/Name" -> packet schema
const enumTables = new Map() // enum name -> values
function collectEnums (w) {
  if (w == null || typeof w !== 'object') return
  if (w.Enum) enumTables.set(w.Enum.name, w.Enum.values)
  for (const v of Object.values(w)) {
    if (Array.isArray(v)) v.forEach(collectEnums)
    else if (typeof v === 'object') collectEnums(v)
  }
}
for (const p of ourSchema.packets) {
  ourPackets.set(`${p.state}/${p.direction}/${p.name}`, p)
  p.fields.forEach((f) => collectEnums(f.wire))
}

const mdNames = {} // "state_direction" -> md packet name -> { type, fields }
for (const file of fs.readdirSync(path.join(REPO, 'mcproto-packets', 'md-names'))) {
  if (!file.endsWith('.json')) continue
  const m = /^(\w+?)_(serverbound|clientbound)/.exec(file)
  const key = `${m[1]}_${m[2]}`
  mdNames[key] = Object.assign(mdNames[key] || {}, JSON.parse(fs.readFileSync(path.join(REPO, 'mcproto-packets', 'md-names', file), 'utf8')))
}

const snake = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()

// md path components -> our dotted path.
function mapMdPath (fieldMap, comps) {
  for (let k = comps.length; k > 0; k--) {
    const key = comps.slice(0, k).join('.')
    if (Object.prototype.hasOwnProperty.call(fieldMap, key)) {
      return [fieldMap[key], ...comps.slice(k).map(snake)].join('.')
    }
  }
  return comps.map(snake).join('.')
}

// Structural differences that a name map cannot express: minecraft-data
// path (after mapping) -> our path.
const PATH_ALIASES = {
  // Remove Player: minecraft-data keeps a container { uuid }, we a bare UUID.
  PlayerListItem: { 'action.0.uuid': ['action.0'] }
}

// Our wire type at a dotted path (variant names skipped), for generation.
function unwrapOurs (w) {
  for (;;) {
    if (w && w.Versioned) {
      const v = w.Versioned
      if ((v.since != null && PROTOCOL < v.since) || (v.before != null && PROTOCOL >= v.before)) return null
      w = v.of
    } else if (w && w.PerVersion) {
      let best = null
      for (const [ver, t] of w.PerVersion) if (ver <= PROTOCOL) best = t
      w = best || w.PerVersion[0][1]
    } else return w
  }
}
function ourTypeAt (packet, dotted) {
  let fields = packet.fields.map((f) => ({ name: f.name, type: f.wire }))
  let t = null
  for (const comp of dotted.split('.')) {
    const f = fields && fields.find((x) => x.name === comp)
    if (!f) return null
    t = unwrapOurs(f.type)
    fields = null
    // Descend to the next level's fields.
    let d = t
    for (;;) {
      d = unwrapOurs(d)
      if (d == null || typeof d !== 'object') break
      if (d.Array) d = d.Array.of
      else if (d.Optional) d = d.Optional
      else if (d.Conditional) d = d.Conditional.of
      else break
    }
    if (d && d.Struct) fields = d.Struct.fields.map((x) => ({ name: x.name, type: x.type }))
    else if (d && d.Switch) fields = [].concat(...d.Switch.variants.map((v) => v.fields.map((x) => ({ name: x.name, type: x.type }))))
  }
  return t
}
// The innermost element type (through arrays/optionals) of a wire type.
function ourLeafType (t) {
  for (;;) {
    t = unwrapOurs(t)
    if (t && t.Array) t = t.Array.of
    else if (t && t.Optional) t = t.Optional
    else if (t && t.Conditional) t = t.Conditional.of
    else return t
  }
}

// String limits we declare (vanilla's), for the report.
const limits = []
function collectLimits (w, where) {
  w = unwrapOurs(w)
  if (w == null || typeof w !== 'object') return
  if (w.String && w.String.max !== 32767) limits.push(`${where}: ${w.String.max}`)
  if (w.Array) collectLimits(w.Array.of, where)
  if (w.Optional) collectLimits(w.Optional, where)
  if (w.Conditional) collectLimits(w.Conditional.of, where)
  if (w.Struct) w.Struct.fields.forEach((f) => collectLimits(f.type, `${where}.${f.name}`))
  if (w.Switch) w.Switch.variants.forEach((v) => v.fields.forEach((f) => collectLimits(f.type, `${where}.${f.name}`)))
}

// ---------------------------------------------------------------- minecraft-data types
const mdProtocol = minecraftData(VERSION).protocol
const STATES = ['handshaking', 'status', 'login', 'play']
const DIRS = [['toServer', 'serverbound'], ['toClient', 'clientbound']]

function typesFor (state, mdDir) {
  return Object.assign({}, mdProtocol.types, (mdProtocol[state] && mdProtocol[state][mdDir] && mdProtocol[state][mdDir].types) || {})
}
// Resolve aliases; keep the last alias name for the special leaves.
const SPECIAL = new Set(['slot', 'position', 'entityMetadata', 'UUID', 'nbt', 'optionalNbt'])
function resolve (types, t) {
  let alias = null
  for (;;) {
    if (typeof t === 'string') {
      if (SPECIAL.has(t)) return { kind: t, args: null, alias: t }
      const def = types[t]
      if (def === 'native' || def === undefined) return { kind: t, args: null, alias }
      alias = t
      t = def
    } else {
      const [name, a] = t
      const def = types[name]
      if (def !== 'native' && def !== undefined && typeof name === 'string' && !SPECIAL.has(name)) {
        // A parametrised alias is not used in 1.8's protocol.json.
        throw new Error(`unsupported parametrised alias ${name}`)
      }
      return { kind: name, args: a, alias }
    }
  }
}

// ---------------------------------------------------------------- generation
const INT_RANGE = {
  i8: [-128, 127],
  u8: [0, 255],
  i16: [-32768, 32767],
  u16: [0, 65535],
  i32: [-2147483648, 2147483647],
  varint: [-2147483648, 2147483647],
  varlong: [0, 2147483647] // see AVOIDED
}
function genInt (rng, kind) {
  const [lo, hi] = INT_RANGE[kind]
  const r = rng.next()
  if (r < 0.15) return rng.pick([lo, hi, 0, 1, -1].filter((v) => v >= lo && v <= hi))
  if (r < 0.45) return Math.max(lo, Math.min(hi, rng.int(0, 10)))
  if (kind === 'varint' || kind === 'varlong' || kind === 'i32') {
    // Vary the encoded length: pick a bit count, then a value of that size.
    const bits = rng.int(1, 31)
    let v = rng.int(0, 2 ** bits - 1)
    if (lo < 0 && rng.chance(0.35)) v = -v - 1
    return Math.max(lo, Math.min(hi, v))
  }
  return rng.int(lo, hi)
}
function genI64 (rng) {
  const r = rng.next()
  if (r < 0.15) return rng.pick([0n, 1n, -1n, (1n << 63n) - 1n, -(1n << 63n)])
  if (r < 0.35) return BigInt(rng.int(0, 100000))
  return BigInt.asIntN(64, (BigInt(rng.u32()) << 32n) | BigInt(rng.u32()))
}
const F32_SPECIAL = [0, -0, 1, -1, 0.5, 3.4028234663852886e38, -3.4028234663852886e38, 1.401298464324817e-45, Infinity, -Infinity, NaN]
function genF32 (rng) {
  if (rng.chance(0.1)) return rng.pick(F32_SPECIAL)
  if (rng.chance(0.5)) return Math.fround((rng.next() - 0.5) * 2 ** rng.int(0, 40))
  const b = Buffer.alloc(4)
  b.writeUInt32BE(rng.u32())
  const v = b.readFloatBE(0)
  return Number.isNaN(v) ? 0.25 : v
}
function genF64 (rng) {
  if (rng.chance(0.1)) return rng.pick([0, -0, 1, -1, 1e308, -1e308, 5e-324, Infinity, -Infinity, NaN, 0.1])
  if (rng.chance(0.5)) return (rng.next() - 0.5) * 2 ** rng.int(0, 60)
  const b = Buffer.alloc(8)
  b.writeUInt32BE(rng.u32(), 0)
  b.writeUInt32BE(rng.u32(), 4)
  const v = b.readDoubleBE(0)
  return Number.isNaN(v) ? -2.5 : v
}

// Characters by kind, with their share: ASCII, Latin, other BMP scripts,
// CJK, astral (two UTF-16 units, four UTF-8 bytes), controls and specials.
const CHAR_POOLS = [
  [0.55, (rng) => String.fromCharCode(0x20 + Math.floor(rng.next() * 95))],
  [0.1, (rng) => rng.pick(['é', 'ß', 'ñ', 'Ø', 'ü', '§', '\u00a0', 'ÿ', 'Ł', 'ž'])],
  [0.07, (rng) => rng.pick(['Ω', 'λ', 'Ж', 'щ', 'א', 'ش', 'क'])],
  [0.1, (rng) => String.fromCharCode(0x4e00 + Math.floor(rng.next() * 0x5000))],
  [0.1, (rng) => String.fromCodePoint(rng.pick([0x1f600, 0x1f680, 0x1d11e, 0x20000, 0x10fff0, 0x1f4a9]) + Math.floor(rng.next() * 16))],
  [0.08, (rng) => rng.pick(['\n', '\t', '"', '\\', '\u0000', '\u007f', '\ufffd', '\uffff', '\u2028'])]
]
// A string of exactly `units` UTF-16 units, whole code points only.
function genUnicode (rng, units, asciiOnly) {
  let s = ''
  let n = 0
  while (n < units) {
    let c
    if (asciiOnly) c = String.fromCharCode(0x20 + Math.floor(rng.next() * 95))
    else {
      let r = rng.next()
      c = null
      for (const [p, f] of CHAR_POOLS) {
        if (r < p) { c = f(rng); break }
        r -= p
      }
      if (c === null) c = 'a'
      if (n + c.length > units) c = 'x'
    }
    s += c
    n += c.length
  }
  return s
}
function genLength (rng, max, full) {
  if (full) return max
  const r = rng.next()
  if (r < 0.08) return 0
  if (r < 0.18) return max
  if (r < 0.7) return rng.int(1, Math.min(max, 12))
  if (r < 0.95) return rng.int(0, Math.min(max, 80))
  return rng.int(0, Math.min(max, 2000))
}
// `budget` (optional) is an object { units } bounding a whole instance.
function genString (rng, max, full, budget) {
  let n = genLength(rng, max, full)
  if (budget) {
    n = Math.min(n, budget.units)
    budget.units -= n
  }
  return genUnicode(rng, n, false)
}
function genChat (rng, max, full, budget) {
  const text = genString(rng, Math.min(max - 20, full ? 30000 : 200), full, budget)
  const r = rng.next()
  let s
  if (r < 0.6) s = JSON.stringify({ text })
  else if (r < 0.8) s = JSON.stringify(text)
  else {
    s = JSON.stringify({
      text: '',
      extra: [{ text, color: rng.pick(['red', 'gold', 'aqua']) }, { translate: 'chat.type.text', with: ['a', { text: 'b' }] }],
      bold: rng.chance(0.5)
    })
  }
  // Escapes can make the JSON longer than the text: drop code points from
  // the end until it fits (JSON.stringify's length is in UTF-16 units).
  let cps = [...text]
  while (s.length > max) {
    cps = cps.slice(0, Math.max(0, cps.length - Math.max(1, Math.ceil((s.length - max) / 2))))
    s = JSON.stringify({ text: cps.join('') })
  }
  return s
}
function genBytes (rng, max) {
  const r = rng.next()
  let n
  if (r < 0.1) n = 0
  else if (r < 0.8) n = rng.int(1, 64)
  else if (r < 0.97) n = rng.int(64, 700)
  else n = rng.int(700, Math.min(max, 6000))
  const b = Buffer.alloc(n)
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255)
  return b
}
function genCount (rng, full) {
  if (full) return rng.int(4, 12)
  const r = rng.next()
  if (r < 0.2) return 0
  if (r < 0.7) return rng.int(1, 3)
  if (r < 0.92) return rng.int(4, 10)
  return rng.int(11, 40)
}
function genUuid (rng) {
  const h = []
  for (let i = 0; i < 16; i++) h.push(rng.int(0, 255).toString(16).padStart(2, '0'))
  const s = h.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

// NBT in prismarine-nbt's representation.
// Long Array (tag 12) exists from 1.12 (protocol 335) on.
const NBT_TYPES = ['byte', 'short', 'int', 'long', 'float', 'double', 'byteArray', 'string', 'list', 'compound', 'intArray']
  .concat(PROTOCOL >= 335 ? ['longArray'] : [])
function genNbtPayload (rng, type, depth) {
  switch (type) {
    case 'byte': return genInt(rng, 'i8')
    case 'short': return genInt(rng, 'i16')
    case 'int': return genInt(rng, 'i32')
    case 'long': { const v = genI64(rng); return [Number(BigInt.asIntN(32, v >> 32n)), Number(BigInt.asIntN(32, v))] }
    case 'float': return genF32(rng)
    case 'double': return genF64(rng)
    case 'byteArray': { const n = genCount(rng); const a = []; for (let i = 0; i < n; i++) a.push(genInt(rng, 'i8')); return a }
    case 'intArray': { const n = genCount(rng); const a = []; for (let i = 0; i < n; i++) a.push(genInt(rng, 'i32')); return a }
    case 'longArray': { const n = genCount(rng); const a = []; for (let i = 0; i < n; i++) a.push(genNbtPayload(rng, 'long', depth)); return a }
    case 'string': return genUnicode(rng, genLength(rng, 40), true)
    case 'list': {
      const n = depth >= 3 ? 0 : genCount(rng)
      const et = n === 0 ? rng.pick(['end', 'int', 'compound']) : rng.pick(depth >= 2 ? NBT_TYPES.filter((t) => t !== 'list' && t !== 'compound') : NBT_TYPES)
      const value = []
      for (let i = 0; i < n; i++) {
        value.push(genNbtPayload(rng, et, depth + 1))
      }
      return { type: et, value }
    }
    case 'compound': {
      const n = depth >= 3 ? rng.int(0, 1) : rng.int(0, 6)
      const out = {}
      for (let i = 0; i < n; i++) {
        const key = genUnicode(rng, rng.int(0, 10), true)
        if (key === '__proto__') continue
        const t = rng.pick(depth >= 2 ? NBT_TYPES.filter((x) => x !== 'list' && x !== 'compound') : NBT_TYPES)
        out[key] = { type: t, value: genNbtPayload(rng, t, depth + 1) }
      }
      return out
    }
  }
  throw new Error(`nbt type ${type}`)
}
function genNbtRoot (rng) {
  return { type: 'compound', name: rng.chance(0.8) ? '' : genUnicode(rng, rng.int(1, 8), true), value: genNbtPayload(rng, 'compound', 0) }
}
function genSlot (rng) {
  if (rng.chance(0.25)) return { blockId: -1 }
  return {
    blockId: rng.chance(0.2) ? 0 : rng.int(0, 32767), // never < -1 (AVOIDED)
    itemCount: genInt(rng, 'i8'),
    itemDamage: genInt(rng, 'i16'),
    nbtData: rng.chance(0.5) ? undefined : genNbtRoot(rng)
  }
}
function genPosition (rng) {
  return { x: rng.int(-(2 ** 25), 2 ** 25 - 1), y: rng.int(-2048, 2047), z: rng.int(-(2 ** 25), 2 ** 25 - 1) }
}
// 47: a header byte `type << 5 | key` (types 0..7, keys 0..31, 0x7F ends).
function genMetadata18 (rng) {
  const n = genCount(rng)
  const out = []
  for (let i = 0; i < n; i++) {
    let key = rng.int(0, 31)
    const type = rng.int(0, 7)
    if (key === 31 && type === 3) key = 30 // 0x7F is the end marker (AVOIDED)
    let value
    switch (type) {
      case 0: value = genInt(rng, 'i8'); break
      case 1: value = genInt(rng, 'i16'); break
      case 2: value = genInt(rng, 'i32'); break
      case 3: value = genF32(rng); break
      case 4: value = genString(rng, 32767); break
      case 5: value = genSlot(rng); break
      case 6: value = { x: genInt(rng, 'i32'), y: genInt(rng, 'i32'), z: genInt(rng, 'i32') }; break
      case 7: value = { pitch: genF32(rng), yaw: genF32(rng), roll: genF32(rng) }; break
    }
    out.push({ key, type, value })
  }
  return out
}
// 107 on: a key byte (255 ends the list), a type (0..12; 13, NBT, from
// 335), then the value.
function genMetadata19 (rng) {
  const n = genCount(rng)
  const out = []
  const types = PROTOCOL >= 335 ? 13 : 12
  for (let i = 0; i < n; i++) {
    const key = rng.int(0, 254) // 255 is the end marker
    const type = rng.int(0, types)
    let value
    switch (type) {
      case 0: value = genInt(rng, 'i8'); break
      case 1: value = genInt(rng, 'varint'); break
      case 2: value = genF32(rng); break
      case 3: value = genString(rng, 32767); break
      case 4: value = genChat(rng, 32767); break
      case 5: value = genSlot(rng); break
      case 6: value = rng.chance(0.5); break
      case 7: value = { pitch: genF32(rng), yaw: genF32(rng), roll: genF32(rng) }; break
      case 8: value = genPosition(rng); break
      case 9: value = rng.chance(0.4) ? undefined : genPosition(rng); break
      case 10: value = rng.int(0, 5); break // a face: vanilla and we reject others (AVOIDED)
      case 11: value = rng.chance(0.4) ? undefined : genUuid(rng); break
      case 12: value = rng.chance(0.3) ? 0 : genInt(rng, 'varint'); break // 0: no block
      case 13: value = genNbtRoot(rng); break
    }
    out.push({ key, type, value })
  }
  return out
}
const genMetadata = (rng) => PROTOCOL >= 107 ? genMetadata19(rng) : genMetadata18(rng)

// Switch keys by the name of the field they compare to, anywhere in a packet.
function switchKeys (types, t, acc, seen = new Set()) {
  if (t == null) return acc
  if (typeof t === 'string') {
    if (SPECIAL.has(t) || seen.has(t)) return acc
    const def = types[t]
    if (def === 'native' || def === undefined) return acc
    seen.add(t)
    return switchKeys(types, def, acc, seen)
  }
  const [name, a] = t
  if (name === 'switch') {
    const field = a.compareTo.split('/').pop()
    if (!acc[field]) acc[field] = new Set()
    for (const k of Object.keys(a.fields)) acc[field].add(k)
    for (const v of Object.values(a.fields)) switchKeys(types, v, acc, seen)
    if (a.default) switchKeys(types, a.default, acc, seen)
  } else if (name === 'container') {
    for (const f of a) switchKeys(types, f.type, acc, seen)
  } else if (name === 'array' || name === 'option') {
    switchKeys(types, name === 'array' ? a.type : a, acc, seen)
  }
  return acc
}

// Chat fields with a limit below 32767 (the schema shows Chat without its
// maximum): serverbound Update Sign lines, readStringFromBuffer(384).
const CHAT_LIMITS = { 'play/toServer/update_sign': { text1: 384, text2: 384, text3: 384, text4: 384 } }

// Per-field rules (minecraft-data packet name -> md field path -> generator).
const FIELD_RULES = {
  'play/toClient/spawn_entity': PROTOCOL <= 54 ? { objectData: (rng) => rng.chance(0.3) ? 0 : genInt(rng, 'varint') & 0x7fffffff } : {},
  // From 1.9 a VarInt of which vanilla reads the 16 section bits; we keep
  // the others as received.
  'play/toClient/map_chunk': PROTOCOL >= 107 ? { bitMap: (rng) => rng.chance(0.2) ? rng.pick([0, 1, 0xffff, 0x8000, 0x10001, -1]) : rng.int(0, 0xffff) } : {},
  'play/toServer/window_click': { windowId: (rng) => rng.int(0, 127) },
  'play/toServer/close_window': { windowId: (rng) => rng.int(0, 127) },
  'play/toClient/map': { columns: (rng) => rng.chance(0.3) ? 0 : rng.int(1, 127) },
  'login/toClient/success': { uuid: (rng, full) => full || rng.chance(0.3) ? genString(rng, 36, full) : genUuid(rng) },
  'status/toClient/server_info': {
    response: (rng, full) => rng.chance(0.3) || full
      ? genString(rng, 32767, full)
      : JSON.stringify({ version: { name: VERSION, protocol: PROTOCOL }, players: { max: rng.int(0, 100), online: rng.int(0, 100), sample: [] }, description: { text: genString(rng, 60) } })
  }
}

class Generator {
  // `counters` (field path -> how many values it got so far) is shared by
  // every instance of a packet, so that a sweep through an enum nested in
  // a switch arm or an array advances each time the field is written, not
  // once per instance.
  constructor (state, mdDir, mdName, ourPacket, fieldMap, rng, full, counters) {
    this.counters = counters
    this.types = typesFor(state, mdDir)
    this.rules = FIELD_RULES[`${state}/${mdDir}/${mdName}`] || {}
    this.chatLimits = CHAT_LIMITS[`${state}/${mdDir}/${mdName}`] || {}
    this.ourPacket = ourPacket
    this.fieldMap = fieldMap
    this.rng = rng
    this.full = full
    this.keys = switchKeys(this.types, `packet_${mdName}`, {})
    // Bounds the text of one instance (UTF-16 units), so that a "full"
    // instance with nested arrays of long strings stays a few hundred KiB.
    this.budget = { units: full ? 200000 : 40000 }
  }

  ourType (comps) {
    return ourTypeAt(this.ourPacket, mapMdPath(this.fieldMap, comps))
  }

  gen (t, comps, stack) {
    const rng = this.rng
    const rule = this.rules[comps.join('.')]
    if (rule) return rule(rng, this.full)
    const r = resolve(this.types, t)
    const ours = () => ourLeafType(this.ourType(comps))
    const fieldName = comps[comps.length - 1]
    switch (r.kind) {
      case 'void': return undefined
      case 'bool': return rng.chance(0.5)
      case 'i8': case 'u8': case 'i16': case 'u16': case 'i32': case 'varint': case 'varlong':
        return this.genTagged(r.kind, ours(), fieldName, comps)
      case 'i64': return genI64(rng)
      case 'f32': return genF32(rng)
      case 'f64': return genF64(rng)
      case 'UUID': return genUuid(rng)
      case 'pstring': {
        const o = ours()
        const keys = this.keys[fieldName]
        if (keys && rng.chance(0.5)) return rng.pick([...keys])
        if (o && o.Named === 'Chat') return genChat(rng, this.chatLimits[comps.join('.')] || 32767, this.full, this.budget)
        const max = o && o.String ? o.String.max : 32767
        return genString(rng, max, this.full, this.budget)
      }
      case 'buffer': return genBytes(rng, 20000)
      case 'restBuffer': return genBytes(rng, 20000)
      case 'position': return genPosition(rng)
      case 'slot': return genSlot(rng)
      case 'entityMetadata': return genMetadata(rng)
      case 'nbt': return genNbtRoot(rng)
      case 'optionalNbt': return rng.chance(0.4) ? undefined : genNbtRoot(rng)
      case 'option': return rng.chance(0.5) ? undefined : this.gen(r.args, comps, stack)
      case 'bitfield': {
        const out = {}
        for (const f of r.args) {
          out[f.name] = f.signed ? rng.int(-(2 ** (f.size - 1)), 2 ** (f.size - 1) - 1) : rng.int(0, 2 ** f.size - 1)
        }
        return out
      }
      case 'mapper': {
        const o = ours()
        let allowed = Object.entries(r.args.mappings)
        const tags = closedTags(o)
        if (tags) allowed = allowed.filter(([k]) => tags.includes(Number(k)))
        const c = this.count(comps)
        return (c < allowed.length ? allowed[c] : rng.pick(allowed))[1]
      }
      case 'array': {
        const n = r.args.count !== undefined ? r.args.count : genCount(rng, this.full)
        const out = []
        for (let i = 0; i < n; i++) out.push(this.gen(r.args.type, comps, stack))
        return out
      }
      case 'container': {
        const obj = {}
        stack.push(obj)
        for (const f of r.args) {
          if (f.anon) {
            const v = this.gen(f.type, comps, stack)
            if (v && typeof v === 'object') Object.assign(obj, v)
          } else {
            const v = this.gen(f.type, comps.concat([f.name]), stack)
            if (v !== undefined) obj[f.name] = v
          }
        }
        stack.pop()
        return obj
      }
      case 'switch': {
        const target = lookupCompare(stack, r.args.compareTo)
        const branch = Object.prototype.hasOwnProperty.call(r.args.fields, String(target)) ? r.args.fields[String(target)] : r.args.default
        if (branch === undefined) throw new Error(`no branch for ${target}`)
        return this.gen(branch, comps, stack)
      }
      default:
        throw new Error(`cannot generate ${r.kind} at ${comps.join('.')}`)
    }
  }

  count (comps) {
    const key = comps.join('.')
    const c = this.counters.get(key) || 0
    this.counters.set(key, c + 1)
    return c
  }

  // An integer, respecting our closed enums / switch tags and reaching the
  // branches of minecraft-data switches that compare to this field.
  // The i-th value written to a field, i < |known values|, is the i-th
  // known value (a sweep, so that every value and branch is reached); for
  // a closed set the sweep runs twice (so that values nested in a switch
  // arm meet each arm more than once), then values are picked at random;
  // for an open set the next one is a value outside it (the "unknown"
  // branch), later ones a mix.
  genTagged (kind, o, fieldName, comps) {
    const rng = this.rng
    const i = this.count(comps)
    const never = (o && o.Enum && NEVER[o.Enum.name]) || []
    const tags = closedTags(o)?.filter((t) => !never.includes(t))
    if (tags) return toRange(kind, i < 2 * tags.length ? tags[i % tags.length] : rng.pick(tags))
    const open = o && o.Enum && o.Enum.open ? o.Enum.values.map((v) => v[1]) : null
    const keys = this.keys[fieldName] ? [...this.keys[fieldName]].map(Number).filter((k) => !Number.isNaN(k)) : []
    const known = [...new Set((open || []).concat(keys))].filter((t) => !never.includes(t)).map((v) => toRange(kind, v))
    if (i < known.length) return known[i]
    if (known.length && i > known.length && rng.chance(0.75)) return rng.pick(known)
    for (;;) {
      const v = genInt(rng, kind)
      if (!known.includes(v) && !never.includes(v)) return v
    }
  }
}
function toRange (kind, v) {
  const [lo, hi] = INT_RANGE[kind]
  if (v >= lo && v <= hi) return v
  if (kind === 'i8' && v >= 128 && v <= 255) return v - 256
  if (kind === 'u8' && v < 0 && v >= -128) return v + 256
  return Math.max(lo, Math.min(hi, v))
}
// Enum values never written (by our enum's name; see the avoided cases).
const NEVER = PROTOCOL >= 210 ? { ParticleType: [46] } : {}
// Values our decoder accepts for a closed enum or a switch tag.
const CLOSED_EXTRA = {
  // Known values only (see AVOIDED): open in our declaration, but vanilla
  // reads them with readEnumValue.
  DiggingStatus: true,
  UpdateScoreAction: true
}
function closedTags (o) {
  if (!o || typeof o !== 'object') return null
  if (o.Switch) return o.Switch.variants.map((v) => v.tag)
  if (o.Enum && (!o.Enum.open || CLOSED_EXTRA[o.Enum.name])) return o.Enum.values.map((v) => v[1])
  return null
}
// A switch's compareTo: '..' climbs one container, a name descends into a
// field (1.12's Advancements compares to flags/has_background_texture, a
// member of a bitfield).
function lookupCompare (stack, compareTo) {
  let level = stack.length - 1
  let obj = stack[level]
  for (const p of compareTo.split('/')) {
    if (p === '..') obj = stack[--level]
    else obj = obj == null ? undefined : obj[p]
  }
  return obj
}

// ---------------------------------------------------------------- coverage
// Every switch branch and option state of minecraft-data's types, and every
// variant of our switches and value of our enums (plus "unknown" for open
// enums), must be reached by some instance, unless listed in UNREACHABLE.
let coverage = null // Map: "what" -> Set of branches reached, for the current packet
function hit (what, branch) {
  if (!coverage) return
  if (!coverage.has(what)) coverage.set(what, new Set())
  coverage.get(what).add(branch)
}
const switchTargets = new Map() // "switch ..." -> md path of the field it compares to
// `ctr` is the path of the container holding the current field.
function mdBranches (types, t, comps, acc, ctr = []) {
  const r = resolve(types, t)
  switch (r.kind) {
    case 'option':
      acc.set(`option ${comps.join('.')}`, ['absent', 'present'])
      mdBranches(types, r.args, comps, acc, ctr)
      return acc
    case 'array': return mdBranches(types, r.args.type, comps, acc, ctr)
    case 'container':
      for (const f of r.args) mdBranches(types, f.type, f.anon ? comps : comps.concat([f.name]), acc, comps)
      return acc
    case 'switch': {
      const keys = Object.keys(r.args.fields)
      if (r.args.default !== undefined) keys.push('default')
      const what = `switch ${comps.join('.')} on ${r.args.compareTo}`
      acc.set(what, keys)
      const parts = r.args.compareTo.split('/')
      let base = ctr.slice()
      for (const x of parts.slice(0, -1)) if (x === '..') base = base.slice(0, -1)
      switchTargets.set(what, base.concat([parts[parts.length - 1]]))
      for (const v of Object.values(r.args.fields)) mdBranches(types, v, comps, acc, ctr)
      if (r.args.default !== undefined) mdBranches(types, r.args.default, comps, acc, ctr)
      return acc
    }
  }
  return acc
}
// Whether the field a minecraft-data switch compares to is closed in ours.
function closedSwitchFor (ourPacket, fieldMap, what) {
  const target = switchTargets.get(what)
  return !!(target && closedTags(ourLeafType(ourTypeAt(ourPacket, mapMdPath(fieldMap, target)))))
}
function ourBranches (w, comps, acc) {
  w = unwrapOurs(w)
  if (w == null || typeof w !== 'object') return acc
  const where = comps.join('.')
  if (w.Enum) acc.set(`enum ${where}`, w.Enum.values.map((v) => v[0]).concat(w.Enum.open ? ['unknown'] : []))
  if (w.Optional) { acc.set(`optional ${where}`, ['absent', 'present']); ourBranches(w.Optional, comps, acc) }
  if (w.Conditional) { acc.set(`conditional ${where}`, ['absent', 'present']); ourBranches(w.Conditional.of, comps, acc) }
  if (w.Array) ourBranches(w.Array.of, comps, acc)
  if (w.Struct) w.Struct.fields.forEach((f) => ourBranches(f.type, comps.concat([f.name]), acc))
  if (w.Switch) {
    acc.set(`variant ${where}`, w.Switch.variants.map((v) => v.name))
    w.Switch.variants.forEach((v) => v.fields.forEach((f) => ourBranches(f.type, comps.concat([f.name]), acc)))
  }
  return acc
}
// Why an open enum of ours never gets an unknown value, if it cannot.
function unknownUnreachable (c, ourPath) {
  const o = ourLeafType(ourTypeAt(c.ourPacket, ourPath))
  if (o && o.Enum && CLOSED_EXTRA[o.Enum.name]) return 'known values only, see the avoided cases'
  // Find the minecraft-data field mapped to this path.
  const types = c.types
  let found = null
  const walk = (t, comps) => {
    const r = resolve(types, t)
    if (r.kind === 'container') r.args.forEach((f) => walk(f.type, f.anon ? comps : comps.concat([f.name])))
    else if (r.kind === 'array') walk(r.args.type, comps)
    else if (r.kind === 'option') walk(r.args, comps)
    else if (r.kind === 'switch') { Object.values(r.args.fields).forEach((v) => walk(v, comps)); if (r.args.default) walk(r.args.default, comps) }
    else if (mapMdPath(c.fieldMap, comps) === ourPath) found = r
  }
  walk(`packet_${c.mdName}`, [])
  if (found && found.kind === 'mapper') return 'minecraft-data declares the field as a mapper: it cannot write a value outside its names'
  return null
}

// Branches no valid instance can reach, and why.
const UNREACHABLE = {
  default: 'closed in our declaration and in vanilla (an unknown tag is an error), so only minecraft-data\'s named branches are valid'
}
if (PROTOCOL >= 54) UNREACHABLE['play clientbound SpawnObject conditional velocity absent'] = 'the velocity is always sent from 54 on'
if (PROTOCOL >= 210) UNREACHABLE['play clientbound Particle enum particle_id FallingDust'] = 'not sent, see the avoided cases'

// ---------------------------------------------------------------- flattening
// A leaf: { path, kind, value, t } where t is the integer/float width info.
const MD_NUM = {
  i8: { bits: 8, signed: true },
  u8: { bits: 8, signed: false },
  i16: { bits: 16, signed: true },
  u16: { bits: 16, signed: false },
  i32: { bits: 32, signed: true },
  varint: { bits: 32, signed: true },
  varlong: { bits: 64, signed: true },
  i64: { bits: 64, signed: true }
}

function flattenMd (types, t, value, comps, stack, out) {
  const r = resolve(types, t)
  const p = comps
  switch (r.kind) {
    case 'void': return
    case 'bool': out.push({ path: p, kind: 'bool', value }); return
    case 'i8': case 'u8': case 'i16': case 'u16': case 'i32': case 'varint': case 'varlong': case 'i64':
      out.push({ path: p, kind: 'int', value, num: MD_NUM[r.kind], md: r.kind }); return
    case 'f32': case 'f64': out.push({ path: p, kind: r.kind, value }); return
    case 'UUID': out.push({ path: p, kind: 'uuid', value }); return
    case 'pstring': out.push({ path: p, kind: 'str', value }); return
    case 'buffer': case 'restBuffer': out.push({ path: p, kind: 'bytes', value: [...value] }); return
    case 'position': out.push({ path: p, kind: 'pos', value }); return
    case 'bitfield': {
      // One integer of all the members, first member in the high bits.
      let v = 0n
      let bits = 0
      for (const f of r.args) {
        v = (v << BigInt(f.size)) | BigInt.asUintN(f.size, BigInt(value[f.name]))
        bits += f.size
      }
      out.push({ path: p, kind: 'int', value: BigInt.asIntN(bits, v), num: { bits, signed: true }, md: `bitfield(${bits})` })
      return
    }
    case 'slot': out.push({ path: p, kind: 'slot', value }); return
    case 'entityMetadata': out.push({ path: p, kind: 'meta', value }); return
    case 'nbt': case 'optionalNbt': out.push({ path: p, kind: 'nbt', value }); return
    case 'option':
      out.push({ path: p, kind: 'present', value: value !== undefined && value !== null })
      hit(`option ${p.join('.')}`, value !== undefined && value !== null ? 'present' : 'absent')
      if (value !== undefined && value !== null) flattenMd(types, r.args, value, comps, stack, out)
      return
    case 'mapper': {
      const entry = Object.entries(r.args.mappings).find(([, v]) => v === value)
      const inner = resolve(types, r.args.type).kind
      out.push({ path: p, kind: 'int', value: entry ? Number(entry[0]) : NaN, num: MD_NUM[inner], md: inner })
      return
    }
    case 'array':
      out.push({ path: p, kind: 'len', value: value.length })
      for (const v of value) flattenMd(types, r.args.type, v, comps, stack, out)
      return
    case 'container':
      stack.push(value)
      for (const f of r.args) {
        if (f.anon) flattenMd(types, f.type, value, comps, stack, out)
        else flattenMd(types, f.type, value[f.name], comps.concat([f.name]), stack, out)
      }
      stack.pop()
      return
    case 'switch': {
      const target = lookupCompare(stack, r.args.compareTo)
      const known = Object.prototype.hasOwnProperty.call(r.args.fields, String(target))
      hit(`switch ${p.join('.')} on ${r.args.compareTo}`, known ? String(target) : 'default')
      const branch = known ? r.args.fields[String(target)] : r.args.default
      flattenMd(types, branch, value, comps, stack, out)
      return
    }
    default:
      throw new Error(`cannot flatten minecraft-data type ${r.kind}`)
  }
}

const OUR_NUM = {
  Byte: { bits: 8, signed: true },
  UnsignedByte: { bits: 8, signed: false },
  Short: { bits: 16, signed: true },
  UnsignedShort: { bits: 16, signed: false },
  Int: { bits: 32, signed: true },
  VarInt: { bits: 32, signed: true },
  Long: { bits: 64, signed: true },
  VarLong: { bits: 64, signed: true }
}
const LEVEL_TYPES = { Default: 'default', Flat: 'flat', LargeBiomes: 'largeBiomes', Amplified: 'amplified', Default11: 'default_1_1' }

function enumNumber (values, v, where) {
  if (v && typeof v === 'object' && 'Unknown' in v) return v.Unknown
  const e = values.find((x) => x[0] === v)
  if (!e) throw new Error(`${where}: unknown enum value ${JSON.stringify(v)}`)
  return e[1]
}

function flattenOurs (w, value, comps, out) {
  w = unwrapOurs(w)
  if (w == null) return
  const p = comps
  const where = comps.join('.')
  if (typeof w === 'string') {
    // A Boolean on the wire may be one bit of a wider value of ours (1.8's
    // Entity Effect particles bit, EffectFlags(2)): any set bit is true.
    if (w === 'Bool') { out.push({ path: p, kind: 'bool', value: typeof value === 'number' ? value !== 0 : value }); return }
    if (w === 'Float' || w === 'Double') { out.push({ path: p, kind: w === 'Float' ? 'f32' : 'f64', value }); return }
    if (OUR_NUM[w]) {
      let v = value
      if (v && typeof v === 'object' && 'hardcore' in v && 'mode' in v) {
        // Join Game's game mode: a GameMode plus the hardcore bit (0x08).
        v = enumNumber(enumTables.get('GameMode'), v.mode, where) | (v.hardcore ? 8 : 0)
      }
      let num = OUR_NUM[w]
      const big = toBig(v)
      if (big !== null && big !== BigInt.asIntN(num.bits, big) && num.signed && big === BigInt.asUintN(num.bits, big)) {
        // Our schema names a signed type, our decoder gives the unsigned
        // reading of the same bits: noted, and compared as unsigned.
        schemaNotes.add(`${ctxPacket}.${where}: the schema's wire type is ${w}, inspect prints the unsigned reading (values above ${2n ** BigInt(num.bits - 1) - 1n})`)
        num = { bits: num.bits, signed: false }
      }
      out.push({ path: p, kind: 'int', value: v, num, ours: num === OUR_NUM[w] ? w : `${w} read unsigned` })
      return
    }
    throw new Error(`${where}: unknown wire type ${w}`)
  }
  if (w.String) {
    let v = value
    if (v && typeof v === 'object' && 'Other' in v) v = v.Other // LevelType::Other
    else if (v && typeof v === 'object' && ('Json' in v || 'Plain' in v)) v = v.Json ?? v.Plain // SignLine
    else if (comps[comps.length - 1] === 'level_type' && LEVEL_TYPES[v]) v = LEVEL_TYPES[v]
    out.push({ path: p, kind: 'str', value: v })
    return
  }
  if (w.Named) {
    // Entity Metadata's name carries its format: "Entity Metadata (1.8: …)".
    if (w.Named.startsWith('Entity Metadata')) { out.push({ path: p, kind: 'meta', value }); return }
    switch (w.Named) {
      // Sign lines are Chat in 1.8, kept as SignLine { Json } (plain from 1.9).
      case 'Chat': out.push({ path: p, kind: 'str', value: value && typeof value === 'object' && 'Json' in value ? value.Json : value }); return
      case 'UUID': out.push({ path: p, kind: 'uuid', value }); return
      case 'Position': out.push({ path: p, kind: 'pos', value }); return
      case 'Angle': out.push({ path: p, kind: 'int', value, num: { bits: 8, signed: false }, ours: 'Angle' }); return
      case 'Slot': out.push({ path: p, kind: 'slot', value }); return
      case 'NBT': out.push({ path: p, kind: 'nbt', value }); return
    }
    throw new Error(`${where}: unknown named type ${w.Named}`)
  }
  if (w.Fixed) {
    // Our value is the wire integer / scale as a float: scale back and round
    // away the float error (160/63*63 = 160.0000054).
    const raw = Math.round(value * w.Fixed.scale)
    out.push({ path: p, kind: 'int', value: raw, num: OUR_NUM[w.Fixed.repr], ours: `Fixed(${w.Fixed.repr}, x${w.Fixed.scale})` })
    return
  }
  if (w.Enum) {
    hit(`enum ${where}`, value && typeof value === 'object' && 'Unknown' in value ? 'unknown' : value)
    out.push({ path: p, kind: 'int', value: enumNumber(w.Enum.values, value, where), num: OUR_NUM[w.Enum.repr], ours: `Enum ${w.Enum.name}` })
    return
  }
  if (w.Array) {
    const of = unwrapOurs(w.Array.of)
    if (of === 'Byte' || of === 'UnsignedByte') { out.push({ path: p, kind: 'bytes', value }); return }
    // A computed count of zero has no wire presence (minecraft-data: void).
    if (w.Array.len && w.Array.len.Count !== undefined && value.length === 0) return
    out.push({ path: p, kind: 'len', value: value.length })
    for (const v of value) flattenOurs(of, v, comps, out)
    return
  }
  if (w.Optional) {
    hit(`optional ${where}`, value !== null ? 'present' : 'absent')
    out.push({ path: p, kind: 'present', value: value !== null })
    if (value !== null) flattenOurs(w.Optional, value, comps, out)
    return
  }
  if (w.Conditional) {
    hit(`conditional ${where}`, value !== null && value !== undefined ? 'present' : 'absent')
    if (value !== null && value !== undefined) flattenOurs(w.Conditional.of, value, comps, out)
    return
  }
  if (w.Struct) {
    for (const f of w.Struct.fields) flattenOurs(f.type, value[f.name], comps.concat([f.name]), out)
    return
  }
  if (w.Switch) {
    let name, content
    if (typeof value === 'string') { name = value; content = null } else { name = Object.keys(value)[0]; content = value[name] }
    const variant = w.Switch.variants.find((v) => v.name === name)
    if (!variant) throw new Error(`${where}: unknown variant ${name}`)
    hit(`variant ${where}`, name)
    out.push({ path: p, kind: 'int', value: variant.tag, num: OUR_NUM[w.Switch.tag], ours: `Switch ${w.Switch.name}` })
    const fs_ = variant.fields
    if (fs_.length === 1 && fs_[0].name === '0') flattenOurs(fs_[0].type, content, comps.concat(['0']), out)
    else if (fs_.length && fs_[0].name === '0') fs_.forEach((f, i) => flattenOurs(f.type, content[i], comps.concat([f.name]), out))
    else for (const f of fs_) flattenOurs(f.type, content[f.name], comps.concat([f.name]), out)
    return
  }
  throw new Error(`${where}: unknown layout ${JSON.stringify(w).slice(0, 80)}`)
}

// ---------------------------------------------------------------- comparison
const BIG = '\u0000BIG:'
// JSON.parse that keeps integers beyond 2^53 exact (as marked strings).
function parseJsonBig (text) {
  let out = ''
  let i = 0
  let last = 0
  const n = text.length
  while (i < n) {
    const c = text[i]
    if (c === '"') {
      i++
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
      i++
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1
      while (j < n && /[0-9.eE+-]/.test(text[j])) j++
      const tok = text.slice(i, j)
      if (/^-?\d{16,}$/.test(tok)) {
        out += text.slice(last, i) + JSON.stringify(BIG + tok)
        last = j
      }
      i = j
    } else i++
  }
  return JSON.parse(out + text.slice(last))
}
function toBig (v) {
  if (typeof v === 'bigint') return v
  if (typeof v === 'string' && v.startsWith(BIG)) return BigInt(v.slice(BIG.length))
  if (Array.isArray(v) && v.length === 2) return BigInt.asIntN(64, BigInt(v[0]) << 32n) | BigInt.asUintN(32, BigInt(v[1]))
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v)
  if (v && typeof v.valueOf === 'function' && typeof v.valueOf() === 'bigint') return v.valueOf()
  return null
}
const signednessNotes = new Set()
const schemaNotes = new Set()
let ctxPacket = '' // our packet being flattened, for the notes

function sameF32 (md, ours) {
  if (ours === null) return !Number.isFinite(md) // serde_json writes NaN and infinities as null
  return Math.fround(ours) === md
}
function sameF64 (md, ours) {
  if (ours === null) return !Number.isFinite(md)
  return ours === md
}
function sameInt (mdLeaf, ourLeaf, where) {
  const a = toBig(mdLeaf.value)
  const b = toBig(ourLeaf.value)
  if (a === null || b === null) return false
  if (a === b) return true
  const mn = mdLeaf.num
  const on = ourLeaf.num
  // The same bits read with the other sign (the departures listed in
  // mcproto-packets/tests/minecraft_data_layouts.rs): equal modulo 2^bits.
  if (mn && on && mn.bits === on.bits && mn.signed !== on.signed) {
    signednessNotes.add(`${where}: minecraft-data ${mdLeaf.md}, ours ${ourLeaf.ours}`)
    return BigInt.asUintN(mn.bits, a) === BigInt.asUintN(mn.bits, b)
  }
  return false
}
function sameBytes (a, b) {
  if (!a || !b || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (((a[i] & 0xff) >>> 0) !== ((b[i] & 0xff) >>> 0)) return false
  return true
}
function sameNbtPayload (type, md, ours) {
  switch (type) {
    case 'byte': case 'short': case 'int': return md === ours
    case 'long': return toBig(md) === toBig(ours)
    case 'float': return sameF32(md, ours)
    case 'double': return sameF64(md, ours)
    case 'string': return md === ours
    case 'byteArray': // our JSON shows a byte array's bytes unsigned
      return Array.isArray(ours) && md.length === ours.length && md.every((x, i) => ((x - ours[i]) & 0xff) === 0)
    case 'intArray':
      return Array.isArray(ours) && md.length === ours.length && md.every((x, i) => x === ours[i])
    case 'longArray':
      return Array.isArray(ours) && md.length === ours.length && md.every((x, i) => toBig(x) === toBig(ours[i]))
    case 'list': {
      if (!Array.isArray(ours) || md.value.length !== ours.length) return false
      return md.value.every((x, i) => sameNbtPayload(md.type, x, ours[i]))
    }
    case 'compound': {
      if (!ours || typeof ours !== 'object' || Array.isArray(ours)) return false
      const mk = Object.keys(md)
      const ok = Object.keys(ours)
      if (mk.length !== ok.length) return false
      return mk.every((k) => Object.prototype.hasOwnProperty.call(ours, k) && sameNbtPayload(md[k].type, md[k].value, ours[k]))
    }
  }
  return false
}
function sameNbt (md, ours) {
  if (md === undefined || md === null) return ours === 'Absent'
  if (!ours || !ours.Compound) return false
  return md.type === 'compound' && md.name === ours.Compound.name && sameNbtPayload('compound', md.value, ours.Compound.value)
}
function sameSlot (md, ours) {
  if (md.blockId === -1) return ours === null
  if (!ours) return false
  return md.blockId === ours.id && md.itemCount === ours.count && md.itemDamage === ours.damage && sameNbt(md.nbtData, ours.nbt)
}
// Our variant for each minecraft-data metadata type id, per encoding.
const META_KINDS_18 = ['Byte', 'Short', 'Int', 'Float', 'String', 'Slot', 'Position', 'Rotation']
const META_KINDS_19 = ['Byte', 'VarInt', 'Float', 'String', 'Chat', 'Slot', 'Boolean', 'Rotation', 'Position', 'OptPosition', 'Facing', 'OptUuid', 'OptBlockState', 'Nbt']
const FACES = ['Down', 'Up', 'North', 'South', 'West', 'East']
const samePos = (a, b) => !!a && !!b && a.x === b.x && a.y === b.y && a.z === b.z
const sameRotation = (a, b) => !!b && sameF32(a.pitch, b.pitch) && sameF32(a.yaw, b.yaw) && sameF32(a.roll, b.roll)
function sameMeta (md, ours) {
  if (!Array.isArray(ours) || md.length !== ours.length) return false
  const kinds = PROTOCOL >= 107 ? META_KINDS_19 : META_KINDS_18
  return md.every((m, i) => {
    const o = ours[i]
    const kind = Object.keys(o.value)[0]
    const v = o.value[kind]
    if (o.index !== m.key || kinds[m.type] !== kind) return false
    switch (kind) {
      case 'Byte': case 'Short': case 'Int': case 'VarInt': case 'String': case 'Chat': case 'Boolean':
        return m.value === v
      case 'Float': return sameF32(m.value, v)
      case 'Slot': return sameSlot(m.value, v)
      case 'Position': return samePos(m.value, v)
      case 'Rotation': return sameRotation(m.value, v)
      case 'OptPosition': return m.value === undefined ? v === null : samePos(m.value, v)
      case 'Facing': return FACES[m.value] === v
      case 'OptUuid': return m.value === undefined ? v === null : typeof v === 'string' && v.toLowerCase() === m.value.toLowerCase()
      case 'OptBlockState': return m.value === 0 ? v === null : m.value === v
      case 'Nbt': return sameNbt(m.value, v)
    }
    return false
  })
}

function compareLeaf (md, ours, where) {
  switch (md.kind) {
    case 'int': return ours.kind === 'int' && sameInt(md, ours, where)
    case 'f32': return ours.kind === 'f32' && sameF32(md.value, ours.value)
    case 'f64': return ours.kind === 'f64' && sameF64(md.value, ours.value)
    case 'bool': case 'present': case 'len': case 'str':
      return ours.kind === md.kind && md.value === ours.value
    case 'uuid': return ours.kind === 'uuid' && String(md.value).toLowerCase() === String(ours.value).toLowerCase()
    case 'bytes': return ours.kind === 'bytes' && sameBytes(md.value, ours.value)
    case 'pos': return ours.kind === 'pos' && md.value.x === ours.value.x && md.value.y === ours.value.y && md.value.z === ours.value.z
    case 'slot': return ours.kind === 'slot' && sameSlot(md.value, ours.value)
    case 'meta': return ours.kind === 'meta' && sameMeta(md.value, ours.value)
    case 'nbt': return ours.kind === 'nbt' && sameNbt(md.value, ours.value)
  }
  return false
}

function show (v, max = 160) {
  return JSON.stringify(v, (k, x) => typeof x === 'bigint' ? x.toString() : x)?.slice(0, max)
}

// Returns null when the two agree, else a description of the first difference.
function compareFields (ctx, mdParams, ourFields) {
  const mdLeaves = []
  flattenMd(ctx.types, `packet_${ctx.mdName}`, mdParams, [], [], mdLeaves)
  const ourLeaves = []
  ctxPacket = ctx.ourPacket.name
  for (const f of ctx.ourPacket.fields) flattenOurs(f.wire, ourFields[f.name], [f.name], ourLeaves)
  const n = Math.max(mdLeaves.length, ourLeaves.length)
  for (let i = 0; i < n; i++) {
    const m = mdLeaves[i]
    const o = ourLeaves[i]
    if (!m || !o) {
      return `leaf ${i}: minecraft-data ${m ? m.path.join('.') + '=' + show(m.value) : '(none)'}, ours ${o ? o.path.join('.') + '=' + show(o.value) : '(none)'}`
    }
    const mapped = mapMdPath(ctx.fieldMap, m.path)
    const ourPath = o.path.join('.')
    const aliases = (PATH_ALIASES[ctx.ourPacket.name] || {})[mapped] || []
    if (mapped !== ourPath && !aliases.includes(ourPath)) {
      return `leaf ${i}: names differ: minecraft-data ${m.path.join('.')} (-> ${mapped}), ours ${ourPath}`
    }
    if (!compareLeaf(m, o, `${ctx.ourPacket.name}.${ourPath}`)) {
      return `${ourPath} (${m.kind}): minecraft-data ${show(m.value)}, ours ${show(o.value)}`
    }
  }
  return null
}

function mdProtocolVersion () {
  return minecraftData(VERSION).version.version
}

// ---------------------------------------------------------------- instances
// Our packets that minecraft-data maps to ("state/direction/Name").
const mappedOurs = new Set()

// The instances of every packet of one state and direction, each written by
// node-minecraft-protocol's serializer and read back by its parser:
// { id, mdName, i, buf, hex, params, ourPacket, fieldMap, types }. What
// goes wrong is passed to `fail`. `instances` is the least number per
// packet (more where the values of an enum or switch need them). The
// differential check (differential.js) mutates these.
function generateCases (state, mdDir, ourDir, fail, instances = args.instances) {
  const section = mdProtocol[state] && mdProtocol[state][mdDir]
  const mappings = section ? section.types.packet[1][0].type[1].mappings : {}
  const entries = Object.entries(mappings)
  const fieldMaps = mdNames[`${state}_${ourDir}`] || {}
  const isServer = mdDir === 'toClient'
  const serializer = mcp.createSerializer({ state, isServer, version: VERSION })
  const parser = mcp.createDeserializer({ state, isServer: !isServer, version: VERSION })
  const types = typesFor(state, mdDir)
  const cases = []
  for (const [hexId, mdName] of entries) {
    const id = parseInt(hexId, 16)
    const names = fieldMaps[mdName]
    if (!names) { fail(`${state} ${ourDir} ${mdName}: no md-names entry`); continue }
    const ourPacket = ourPackets.get(`${state}/${ourDir}/${names.type}`)
    if (!ourPacket) { fail(`${state} ${ourDir} ${mdName}: no packet ${names.type} in our schema`); continue }
    if (ourPacket.id !== id) { fail(`${state} ${ourDir} ${mdName}: id ${id} in minecraft-data, ${ourPacket.id} ours`) }
    mappedOurs.add(`${state}/${ourDir}/${names.type}`)
    collectLimits({ Struct: { fields: ourPacket.fields.map((f) => ({ name: f.name, type: f.wire })) } }, `${state} ${ourDir} ${names.type}`)
    // Enough instances to sweep the largest set of enum values / tags.
    const sets = ourBranches({ Struct: { fields: ourPacket.fields.map((f) => ({ name: f.name, type: f.wire })) } }, [], new Map())
    const sweep = Math.max(0, ...[...sets.values()].map((b) => b.length + 2))
    // An enum inside a switch arm is written only by the instances that
    // take that arm: enough instances for the widest enum to meet the
    // widest switch's every arm.
    const widest = Math.max(0, ...[...sets].filter(([k]) => k.startsWith('variant ')).map(([, b]) => b.length))
    const widestEnum = Math.max(0, ...[...sets].filter(([k]) => !k.startsWith('variant ')).map(([, b]) => b.length))
    const counters = new Map()
    const count = Math.max(instances, sweep, widest * widestEnum)
    for (let i = 0; i < count; i++) {
      const rng = makeRng(`${args.seed}/${state}/${mdDir}/${mdName}/${i}`)
      const gen = new Generator(state, mdDir, mdName, ourPacket, names.fields, rng, i === 1, counters)
      const params = gen.gen(`packet_${mdName}`, [], [])
      let buf
      try {
        buf = serializer.createPacketBuffer({ name: mdName, params })
      } catch (e) {
        fail(`${state} ${ourDir} ${mdName} #${i}: node-minecraft-protocol cannot serialize: ${e.message}`)
        continue
      }
      const parsed = parser.parsePacketBuffer(buf)
      if (parsed.metadata.size !== buf.length || parsed.data.name !== mdName) {
        fail(`${state} ${ourDir} ${mdName} #${i}: node-minecraft-protocol does not read back its own bytes`)
        continue
      }
      cases.push({ id, mdName, i, buf, hex: buf.toString('hex'), params: parsed.data.params, ourPacket, fieldMap: names.fields, types })
    }
  }
  return cases
}

// ---------------------------------------------------------------- main
function main () {
  const t0 = Date.now()
  console.log(`Peer: minecraft-protocol ${require('minecraft-protocol/package.json').version} serializer and parser, minecraft-data ${require('minecraft-data/package.json').version} (${VERSION}, protocol ${mdProtocolVersion()}); ours: inspect --protocol ${PROTOCOL}`)
  if (mdProtocolVersion() !== PROTOCOL) {
    console.log(`Note: minecraft-data's ${VERSION} is protocol ${mdProtocolVersion()}, read here as ${PROTOCOL}${args.mdNote ? ` (${args.mdNote})` : ''}`)
  }
  const rows = []
  const unreachable = []
  const failures = []
  let failed = false
  for (const state of STATES) {
    for (const [mdDir, ourDir] of DIRS) {
      const section = mdProtocol[state] && mdProtocol[state][mdDir]
      const mappings = section ? section.types.packet[1][0].type[1].mappings : {}
      const entries = Object.entries(mappings)
      if (!entries.length) continue
      const types = typesFor(state, mdDir)
      const cases = generateCases(state, mdDir, ourDir, (f) => { failures.push(f); failed = true })
      if (args.dump) {
        fs.mkdirSync(args.dump, { recursive: true })
        fs.writeFileSync(path.join(args.dump, `${state}_${ourDir}.hex`), cases.map((c) => c.hex).join('\n') + '\n')
      }
      const output = runInspect(['--protocol', String(PROTOCOL), '--state', state, '--direction', ourDir], cases.map((c) => c.hex).join('\n') + '\n').split('\n')
      const row = { state, dir: ourDir, packets: new Set(), instances: 0, decoded: 0, identical: 0, agree: 0, branches: 0, reached: 0 }
      const covered = new Map() // mdName -> coverage map
      cases.forEach((c, k) => {
        row.packets.add(c.mdName)
        if (!covered.has(c.mdName)) covered.set(c.mdName, new Map())
        coverage = covered.get(c.mdName)
        row.instances++
        const label = `${state} ${ourDir} ${c.mdName} (${c.ourPacket.name}) #${c.i} ${c.hex.slice(0, 120)}${c.hex.length > 120 ? '...' : ''}`
        let res
        try { res = parseJsonBig(output[k]) } catch (e) { res = { error: `unreadable inspect output: ${output[k]}` } }
        if (res.error) { failures.push(`${label}: ${res.error}`); failed = true; return }
        if (res.id !== c.id || res.name !== c.ourPacket.name) {
          failures.push(`${label}: decoded as ${res.name} (id ${res.id})`)
          failed = true
          return
        }
        row.decoded++
        if (res.roundtrip === true) row.identical++
        else { failures.push(`${label}: re-encoding differs`); failed = true }
        let diff
        try {
          diff = compareFields(c, c.params, res.fields)
        } catch (e) {
          diff = `comparison error: ${e.message}`
        }
        if (diff === null) row.agree++
        else { failures.push(`${label}: ${diff}`); failed = true }
      })
      coverage = null
      for (const [mdName, got] of covered) {
        const c = cases.find((x) => x.mdName === mdName)
        const expected = mdBranches(types, `packet_${mdName}`, [], new Map())
        for (const f of c.ourPacket.fields) ourBranches(f.wire, [f.name], expected)
        for (const [what, branches] of expected) {
          const reached = got.get(what) || new Set()
          for (const b of branches) {
            row.branches++
            if (reached.has(b)) { row.reached++; continue }
            const why = UNREACHABLE[`${state} ${ourDir} ${c.ourPacket.name} ${what} ${b}`] ||
              (what.startsWith('switch') && b === 'default' && closedSwitchFor(c.ourPacket, c.fieldMap, what) ? UNREACHABLE.default : null) ||
              (what.startsWith('enum') && b === 'unknown' ? unknownUnreachable(c, what.slice(5)) : null)
            if (why) unreachable.push(`${state} ${ourDir} ${c.ourPacket.name}: ${what}: ${b} (${why})`)
            else { failures.push(`${state} ${ourDir} ${mdName} (${c.ourPacket.name}): ${what}: branch ${b} never reached`); failed = true }
          }
        }
      }
      rows.push(row)
    }
  }

  // The known mismatches, one probe each.
  const probes = []
  for (const k of KNOWN_MISMATCHES) {
    const ourDir = k.mdDir === 'toClient' ? 'clientbound' : 'serverbound'
    const isServer = k.mdDir === 'toClient'
    const buf = mcp.createSerializer({ state: k.state, isServer, version: VERSION }).createPacketBuffer({ name: k.mdName, params: k.params })
    const mdReads = mcp.createDeserializer({ state: k.state, isServer: !isServer, version: VERSION }).parsePacketBuffer(buf).data.params
    const ours = parseJsonBig(runInspect(['--protocol', String(PROTOCOL), '--state', k.state, '--direction', ourDir], buf.toString('hex') + '\n').split('\n')[0])
    const names = (mdNames[`${k.state}_${ourDir}`] || {})[k.mdName]
    const ourPacket = names && ourPackets.get(`${k.state}/${ourDir}/${names.type}`)
    let agrees = false
    if (!ours.error && ourPacket && ours.roundtrip === true) {
      try {
        agrees = compareFields({ mdName: k.mdName, types: typesFor(k.state, k.mdDir), ourPacket, fieldMap: names.fields }, mdReads, ours.fields) === null
      } catch (e) { agrees = false }
    }
    if (agrees) {
      failures.push(`known mismatch no longer happens (remove it from KNOWN_MISMATCHES and the avoided cases): ${k.what}`)
      failed = true
    }
    probes.push(`${k.state} ${ourDir} ${k.mdName}: ${k.what}\n      bytes:          ${buf.toString('hex')}\n      minecraft-data: ${show(mdReads, 1000)}\n      ours:           ${ours.error ? 'error: ' + ours.error : show(ours.fields, 1000)}`)
  }

  // The other way round: every packet of ours is one minecraft-data has.
  for (const key of ourPackets.keys()) {
    if (!mappedOurs.has(key)) { failures.push(`${key}: our packet is not in minecraft-data ${VERSION}`); failed = true }
  }
  if (probes.length) {
    console.log(`Known mismatches in our code (kept out of the corpus; one probe each, which still mismatches):`)
    probes.forEach((p) => console.log(`  - ${p}`))
  }
  if (!args.quiet) {
    console.log(`Avoided cases (minecraft-data and vanilla ${VERSION} read these differently, or a peer limitation):`)
    AVOIDED.forEach((a) => console.log(`  - ${a}`))
  }
  if (!args.quiet) {
    console.log('String limits we declare (vanilla readStringFromBuffer maxima; other strings 32767):')
    ;[...new Set(limits)].forEach((l) => console.log(`  - ${l}`))
    // Sign lines are Chat (JSON) in 47 and 54 only; later, plain strings
    // whose limit the schema lists above.
    if (PROTOCOL <= 54) {
      for (const [pkt, fields] of Object.entries(CHAT_LIMITS)) {
        for (const [f, max] of Object.entries(fields)) console.log(`  - ${pkt} ${f} (Chat): ${max}`)
      }
    }
  }
  if (args.quiet) {
    // Only what is particular to this version: the avoided cases that do
    // not hold for every version, and the schema notes.
    const own = AVOIDED_ALL.filter((e) => inRange(e) && (e.from !== undefined || e.until !== undefined))
    if (own.length) console.log(`Avoided cases particular to ${PROTOCOL} (with the ones every version has):`)
    own.forEach((e) => console.log(`  - ${e.text}`))
  } else if (unreachable.length) {
    console.log('Branches no valid instance reaches:')
    unreachable.forEach((u) => console.log(`  - ${u}`))
  }
  if (signednessNotes.size && !args.quiet) {
    console.log('Fields whose signedness differs (same bytes; compared modulo 2^bits):')
    ;[...signednessNotes].sort().forEach((n) => console.log(`  - ${n}`))
  }
  if (schemaNotes.size) {
    console.log('Our schema against our decoder (same bytes; the schema\'s wire type is not the reading inspect prints):')
    ;[...schemaNotes].sort().forEach((n) => console.log(`  - ${n}`))
  }
  if (!args.quiet) console.log('')
  const header = ['state', 'direction', 'packets', 'instances', 'decoded', 'byte-identical', 'fields agree', 'branches reached']
  const table = rows.map((r) => [r.state, r.dir, r.packets.size, r.instances, r.decoded, r.identical, r.agree, `${r.reached}/${r.branches}`].map(String))
  const total = ['total', '', rows.reduce((a, r) => a + r.packets.size, 0), rows.reduce((a, r) => a + r.instances, 0), rows.reduce((a, r) => a + r.decoded, 0), rows.reduce((a, r) => a + r.identical, 0), rows.reduce((a, r) => a + r.agree, 0), `${rows.reduce((a, r) => a + r.reached, 0)}/${rows.reduce((a, r) => a + r.branches, 0)}`].map(String)
  const all = [header, ...table, total]
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)))
  const line = (r) => '| ' + r.map((x, c) => x.padEnd(widths[c])).join(' | ') + ' |'
  if (!args.quiet) {
    console.log(line(header))
    console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|')
    table.forEach((r) => console.log(line(r)))
    console.log(line(total))
  }
  console.log(`corpus ${PROTOCOL} (${VERSION}): ${total[2]} packets, ${total[3]} instances: ${total[4]} decoded, ${total[5]} byte-identical, ${total[6]} fields agree; branches reached ${total[7]}; ${KNOWN_MISMATCHES.length} known mismatch(es) probed`)
  console.log(`(${args.instances} instances per packet, seed "${args.seed}", ${((Date.now() - t0) / 1000).toFixed(1)} s)`)
  if (failed) {
    console.log(`\n${failures.length} failure(s):`)
    failures.slice(0, 60).forEach((f) => console.log(`  ${f}`))
    if (failures.length > 60) console.log(`  ... and ${failures.length - 60} more`)
    process.exit(1)
  }
  console.log('corpus: every instance decoded, re-encoded byte for byte and agreed field by field')
}

// Run as a script: the check. Loaded as a module: the generator and what
// goes with it, for the differential check (differential.js).
if (require.main === module) main()

module.exports = {
  args,
  VERSION,
  PROTOCOL,
  STATES,
  DIRS,
  mdProtocol,
  mdNames,
  ourSchema,
  ourPackets,
  enumTables,
  typesFor,
  resolve,
  lookupCompare,
  unwrapOurs,
  ourLeafType,
  makeRng,
  runInspect,
  parseJsonBig,
  generateCases,
  mdProtocolVersion,
  show
}
