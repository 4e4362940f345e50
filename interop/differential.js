#!/usr/bin/env node
// Differential check, one protocol version per run: mutants of the interop
// corpus (corpus.js's instances of every packet of every state and
// direction, written by node-minecraft-protocol's serializer) are read by
// node-minecraft-protocol's parser (minecraft-data's protocol for
// --version) and by our `inspect --protocol N`, and the two readings are
// compared:
//
//   - both accept: the packet names must agree, and so must the bytes each
//     side re-encodes its reading to;
//   - both refuse: agreed;
//   - anything else is a disagreement, and must fall in one of the named
//     classes of CLASSES below, each with the reason vanilla gives for the
//     side that follows it. The first class whose predicate holds takes it;
//     an unclassified disagreement fails the run and is printed with the
//     mutant's bytes and both readings.
//
// `inspect` must print one JSON line per mutant and exit 0: anything else
// (a crash) fails the run, with the mutant that caused it.
//
//   node differential.js --inspect PATH [--version 1.8.8 --protocol 47]
//                        [--md-note TEXT] [--instances N] [--seed S]
//                        [--mutants N] [--mutation-seed S] [--max-base BYTES]
//                        [--show N] [--examples N] [--quiet] [--counts FILE]
//   node differential.js --summary FILE...
//
// --inspect, --version, --protocol, --md-note, --instances and --seed are
// corpus.js's (the instances are corpus.js's with the same seed; fewer per
// packet, 4 by default, enough to mutate). --mutants is the number of
// mutants (shared evenly by the packets), --mutation-seed makes them
// (default "mcproto-differential-N"), --max-base leaves out instances
// larger than that as bases, --show is how many unclassified cases to
// print, --examples how many of each class. The counts per class and the
// totals go to --counts FILE (else to the output) as DIFF lines; --summary
// prints them, several runs' in one table (a column per version).
//
// Mutations (deterministic from the seed): a byte XORed with another, bytes
// inserted or deleted, the packet truncated, a string's or byte array's
// length prefix off by +-1 or +-16, an array's count changed (VarInt, Short
// or Int prefixes: +-1, +-16, 0, -1, huge), a number, enum, switch tag or
// Boolean byte set to a neighbouring or edge value, a VarInt re-encoded in
// more bytes than it needs (up to 5, which every reader takes, or 6), the
// packet id changed. Length, count and field mutations find their bytes by
// walking minecraft-data's type tree along the instance's values.
'use strict'

const path = require('path')
const fs = require('fs')
const { spawnSync } = require('child_process')

// ---------------------------------------------------------------- arguments
const own = { mutants: 10000, mutationSeed: null, maxBase: 65536, show: 12, quiet: false, counts: null, examples: 0 }
const forCorpus = []
let summaryFiles = null
{
  const argv = process.argv.slice(2)
  if (argv[0] === '--summary') summaryFiles = argv.slice(1)
  else {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]
      const next = () => {
        if (i + 1 >= argv.length) throw new Error(`${a} needs a value`)
        return argv[++i]
      }
      if (a === '--mutants') own.mutants = parseInt(next(), 10)
      else if (a === '--mutation-seed') own.mutationSeed = next()
      else if (a === '--max-base') own.maxBase = parseInt(next(), 10)
      else if (a === '--show') own.show = parseInt(next(), 10)
      else if (a === '--quiet') own.quiet = true
      else if (a === '--counts') own.counts = next()
      else if (a === '--examples') own.examples = parseInt(next(), 10)
      else if (['--inspect', '--version', '--protocol', '--md-note', '--instances', '--seed'].includes(a)) forCorpus.push(a, next())
      else throw new Error(`unknown argument ${a}`)
    }
    if (!forCorpus.includes('--instances')) forCorpus.push('--instances', '4')
  }
}

// ---------------------------------------------------------------- the classes
// Every disagreement must fall in one of these. `when` is a predicate on the
// disagreement `d`:
//   d.verdict  'ours-refuses' (minecraft-data read the packet, perhaps with
//              bytes left over: d.md.trailing; or a guard stopped its read:
//              d.md.guard, see GUARD), 'md-refuses', 'md-trailing'
//              (both read it, minecraft-data left d.md.trailing bytes),
//              'differ' (both read it whole, but as different packets or
//              to different re-encodings), 'unknown-id' (our decoder gave
//              the Unknown variant, or minecraft-data a number as the name),
//              'md-guard' (we read it, a guard stopped minecraft-data);
//   d.e        our error, parsed: kind, the numbers of the kind, packet,
//              inner and outer field paths (see parseOurError);
//   d.ours     inspect's JSON line; d.md { ok, name, params, trailing,
//              error, partial, reencoded }; d.packet our packet name;
//   d.mdName   minecraft-data's name of the packet read (else the base's);
//   d.mdType   (differ) our name for minecraft-data's packet; d.ourHex
//              (differ) the bytes ours re-encodes to;
//   d.protocol, d.state, d.dir, d.mutation { kind, detail }, d.hex;
//   d.parser, d.serializer, d.fieldMaps: node-minecraft-protocol's, and
//              minecraft-data's names to ours, for the patches.
// The order: an unknown id; our own departures from vanilla (where we
// refuse what vanilla reads on with); the cases where minecraft-data reads
// otherwise than vanilla, each shown by a patch (see PATCHES); the cases
// where we refuse what vanilla refuses and minecraft-data reads; last,
// minecraft-data reading past the end or without end (see GUARD).
// Vanilla is cited by its classes (MCP names): 1.8's MessageDeserializer /
// PacketBuffer, 1.9-1.12's NettyPacketDecoder / PacketBuffer.
const CLASSES = [
  {
    name: 'unknown-packet-id',
    reason: 'An id the version has no packet for: vanilla fails the connection ("Bad packet id N"); our group decoder hands the frame out as the Unknown variant (raw id and body) for the application to judge, and node-minecraft-protocol gives the number as the name and reads no fields.',
    when: (d) => d.verdict === 'unknown-id' && d.ours.name === 'Unknown' && typeof d.md.name === 'number' && d.ours.id === d.md.name &&
      !knownId(d, d.ours.id)
  },
  {
    name: 'invalid-utf8',
    reason: 'Invalid UTF-8 in a string: a documented rule of ours (README, limits table), refused by default where vanilla (new String(bytes, UTF_8)) and node-minecraft-protocol decode it lossily, each bad sequence becoming U+FFFD; Leniency::lossy_utf8 gives vanilla\'s behaviour.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'utf8'
  },
  {
    name: 'chat-not-json',
    reason: 'A Chat field that is not one JSON value (RFC 8259): refused, a documented rule of ours (README, limits table; Leniency::unchecked_chat takes any text). Vanilla parses chat with Gson and fails the packet on a syntax error too, except where Gson\'s lenient reader takes an extension (an unquoted or single-quoted string, a comment); minecraft-data reads Chat as a plain string.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'json' && (isChatField(d.e.inner) || isMetadataField(d.e.inner))
  },
  {
    name: 'nbt-duplicate-key',
    reason: 'An NBT compound with the same key twice: a documented rule of ours (README, limits table: such a compound could not re-encode to the bytes received), refused where vanilla (NBTTagCompound.read: the map keeps the last) and prismarine-nbt read it.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'nbt' && d.e.nbt === 'compound has a duplicate key'
  },
  {
    name: 'md-slot-negative-id',
    reason: 'A slot whose item id is negative but not -1: vanilla (readItemStackFromBuffer) reads any negative id as an empty slot with nothing after it, as we do (and writes it back as -1); minecraft-data only -1, and reads a count, damage and NBT after any other.',
    when: (d) => patchedAgrees(d, 'slot') || patchedReencodes(d, 'slot')
  },
  {
    name: 'md-nbt-end-tag',
    reason: 'An NBT field holding only TAG_End (0x00) where minecraft-data types it `nbt` (Chunk Data\'s block entities, Update Entity NBT): vanilla (readNBTTagCompoundFromBuffer, readCompoundTag) reads it as no tag, one byte long, as we do; minecraft-data reads a name after it.',
    when: (d) => patchedAgrees(d, 'nbtEnd')
  },
  {
    name: 'md-metadata-type',
    reason: 'An entity metadata type (1.9 on) vanilla does not have, or whose VarInt is not one byte below 128: vanilla reads the type as a VarInt and fails on a type it has no serializer for ("Unknown serializer type N", EntityDataManager.readEntries), as we do; minecraft-data reads a signed byte, and no value for a type it does not know, then reads on.',
    when: (d) => patchedAgrees(d, 'metadataVarIntType') || patchedReencodes(d, 'metadataVarIntType')
  },
  {
    name: 'md-nbt-name-nul',
    reason: 'An NBT name holding NUL (a 00 byte, or C0 80): vanilla reads names with readUTF, which takes it, as we do; prismarine-nbt refuses a name with NUL ("unexpected tag end").',
    when: (d) => patchedAgrees(d, 'nbtNameNul')
  },
  {
    name: 'md-nbt-modified-utf8',
    reason: 'An NBT string that modified UTF-8 and UTF-8 write differently (NUL, which vanilla\'s writeUTF writes C0 80, or an astral character, three bytes per UTF-16 unit): both read it alike, and we write it back as vanilla does; prismarine-nbt reads and writes UTF-8.',
    when: (d) => patchedReencodes(d, 'nbtModifiedUtf8')
  },
  {
    name: 'md-varlong-32-bits',
    reason: 'A VarLong (World Border\'s speed) beyond 32 bits: vanilla reads and writes 64 bits (readVarLong), as we do; node-minecraft-protocol reads and writes it with its 32-bit VarInt code.',
    when: (d) => patchedReencodes(d, 'varlong')
  },
  {
    name: 'md-spawn-object-velocity',
    reason: 'Spawn Object with negative object data (protocol 47): vanilla 1.8 reads the velocity only when the data is > 0, as we do; minecraft-data when it is != 0.',
    when: (d) => patchedAgrees(d, 'spawnObjectVelocity')
  },
  {
    name: 'md-falling-dust-data',
    reason: 'Particle 46, falling dust (1.10 on): vanilla\'s EnumParticleTypes gives it one argument, a VarInt the packet carries, as we read it; minecraft-data reads none, so that VarInt is left over.',
    when: (d) => patchedAgrees(d, 'fallingDust')
  },
  {
    name: 'trailing-bytes',
    reason: 'Bytes left after the packet: vanilla fails it ("... was larger than I expected, found N bytes extra whilst reading packet"), as we do; node-minecraft-protocol reads the packet and only logs the extra bytes.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'trailing' && d.md.trailing === d.e.count
  },
  {
    name: 'string-over-vanilla-limit',
    reason: 'A string longer than the maximum vanilla\'s readStringFromBuffer(max) is called with for the field (a byte length over 4 * max, or over max UTF-16 units once decoded): vanilla refuses it, as we do; minecraft-data declares no maximum.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'too-long' && (d.e.unit === 'characters' || d.e.unit === 'bytes') &&
      (isStringField(d.e.inner) || isMetadataField(d.e.inner))
  },
  {
    name: 'negative-length',
    reason: 'A negative string or byte-array length, or a negative count vanilla sizes an array with: vanilla refuses it (readStringFromBuffer: "less than zero! Weird string!", new byte[n] / new T[n]: NegativeArraySizeException), as we do; minecraft-data reads no elements (for a string or a buffer an empty one, moving its cursor back by the length).',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'negative-length'
  },
  {
    name: 'varint-over-5-bytes',
    reason: 'A VarInt of more than 5 bytes: vanilla\'s readVarIntFromBuffer fails ("VarInt too big"), as we do; node-minecraft-protocol reads up to 10 bytes.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'varint-long' && d.e.what === 'VarInt'
  },
  {
    name: 'nbt-invalid-string',
    reason: 'An NBT string (a name or a value) that is not modified UTF-8 (a 4-byte sequence, a bad byte): vanilla reads NBT strings with DataInput.readUTF, which fails on it (UTFDataFormatException), as we do; prismarine-nbt decodes them as UTF-8, replacing bad sequences.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'nbt' && d.e.nbt === 'string is not valid modified UTF-8'
  },
  {
    name: 'nbt-compound-unterminated',
    reason: 'An NBT compound the packet ends inside of, before its TAG_End: vanilla\'s reader fails at the end of the input, as we do; prismarine-nbt\'s compound reader stops at the end of the buffer and takes the compound as complete.',
    when: (d) => d.verdict === 'ours-refuses' && d.md.ok && d.md.trailing === 0 &&
      ((d.e.kind === 'eof' && d.e.what === 'NBT tag' && d.e.remaining === 0) ||
        // A list of compounds longer than what is left: prismarine-nbt reads
        // the missing ones as empty compounds at the end of the buffer (we
        // refuse the length before reading).
        (d.e.kind === 'length-exceeds' && mdHasCompoundList(d.md.params, d.e.len)))
  },
  {
    name: 'nbt-unknown-tag',
    reason: 'An NBT tag type vanilla does not have (13 and up, or negative): vanilla\'s NBTBase.createNewByType gives no tag for it and the read fails, as we do; prismarine-nbt reads a type up to 20, or negative, as a tag with no payload.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'nbt' && /^invalid tag type \d+$/.test(d.e.nbt) && !(d.protocol < 335 && d.e.nbt === 'invalid tag type 12')
  },
  {
    name: 'nbt-long-array-before-1.12',
    reason: 'An NBT Long Array (tag 12) before 1.12: vanilla before 1.12 has no tag 12 (createNewByType gives none) and fails, as we do; prismarine-nbt reads it in every version.',
    when: (d) => d.verdict === 'ours-refuses' && d.protocol < 335 && d.e.kind === 'nbt' && d.e.nbt === 'invalid tag type 12'
  },
  {
    name: 'nbt-root-not-compound',
    reason: 'An NBT root that is not a compound: vanilla fails ("Root tag must be a named compound tag"), as we do; prismarine-nbt reads any tag as the root.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'nbt' && /^root tag is type \d+, not a compound$/.test(d.e.nbt)
  },
  {
    name: 'nbt-end-list-not-empty',
    reason: 'An NBT list of TAG_End with elements: vanilla fails ("Missing type on ListTag"), as we do; prismarine-nbt reads that many empty tags.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'nbt' && /^list of TAG_End with length \d+$/.test(d.e.nbt)
  },
  {
    name: 'nbt-negative-length',
    reason: 'A negative NBT list or array length: vanilla fails (Lists.newArrayListWithCapacity, new byte[n], new int[n] refuse it), as we do; prismarine-nbt reads no elements.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'nbt' && /^negative length -\d+$/.test(d.e.nbt)
  },
  {
    name: 'metadata-unknown-type',
    reason: 'An entity metadata entry of a type vanilla does not have (1.9 on), where minecraft-data reads the packet but leaves bytes over (else md-metadata-type takes it): vanilla reads the type as a VarInt and fails ("Unknown serializer type N", EntityDataManager.readEntries), as we do; minecraft-data reads it as a signed byte and reads no value for an unknown one.',
    when: (d) => d.verdict === 'ours-refuses' && d.protocol >= 107 && (d.e.kind === 'metadata-type' ||
      ((d.e.kind === 'eof' || d.e.kind === 'varint-long') && d.e.what === 'VarInt' && isMetadataField(d.e.inner) && d.md.ok && mdUnknownMetadataType(d.md.params)))
  },
  {
    name: 'nbt-empty-list-of-unknown-type',
    reason: 'An empty NBT list whose element type vanilla does not have: vanilla reads it (NBTTagList.read makes a tag per element only) and writes it back with element type 0, as we do; prismarine-nbt writes back the type it read.',
    when: (d) => d.verdict === 'differ' && d.mdType === d.ours.name && d.ourHex !== null && mdWithEmptyListsAsEnd(d) === d.ourHex
  },
  {
    name: 'md-nan-bits',
    reason: 'A float holding a NaN with other bits than JavaScript\'s: both read the packet alike, but node-minecraft-protocol writes the NaN back with other bits (its numbers do not keep them), while we keep the bits received.',
    when: (d) => d.verdict === 'differ' && d.mdType === d.ours.name && differOnlyInNaNs(d.ourHex, d.md.reencoded)
  },
  {
    name: 'closed-enum-value',
    reason: 'A value outside an enum vanilla closes (readEnumValue: Enum.values()[n] fails; or a lookup that fails; entity metadata\'s Direction from 1.9): vanilla refuses it, as we do (README, limits table: enums closed per vanilla and version); minecraft-data keeps the number.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'unknown-value' &&
      (closedEnums.has(d.e.ty) || (d.e.ty === 'Facing' && isMetadataField(d.e.inner)))
  },
  {
    name: 'unknown-switch-tag',
    reason: 'A tag outside a closed switch (the action or type that selects the fields after it): vanilla reads it with readEnumValue or has no layout for it, and fails, as we do; minecraft-data\'s switch reads no fields for it (its default), so the fields after it are left over or read as something else.',
    when: (d) => d.verdict === 'ours-refuses' && d.e.kind === 'unknown-value' && closedSwitches.has(d.e.ty)
  },
  {
    name: 'md-uuid-past-end',
    reason: 'A UUID cut short by the end of the packet: vanilla (two readLong) fails at the end of the input, as we do (or, for an array of them, refuses a count beyond the bytes left first); node-minecraft-protocol\'s compiled UUID reader checks no bounds, reads past the end (the missing bytes come out as "undefined") and reports more bytes read than the packet has, or, over a large count, reads millions of them until a guard of this run stops it.',
    when: (d) => (d.verdict === 'ours-refuses' && (d.e.kind === 'eof' || d.e.kind === 'length-exceeds') && d.md.ok && d.md.trailing < 0 &&
      /undefined/.test(JSON.stringify(d.md.params))) || (d.verdict === 'ours-refuses' && d.md.guard === 'uuids-past-end' && (d.e.kind === 'eof' || d.e.kind === 'length-exceeds'))
  },
  {
    name: 'md-zero-size-elements',
    reason: 'An NBT list whose count is far beyond the bytes left: vanilla refuses it (its NBTSizeTracker charges the elements before reading them, and an element it cannot read fails), as we do (we check the count against the bytes left first); prismarine-nbt reads elements that take no bytes (TAG_End, an unknown type, or a compound at the end of the buffer) up to its 16777215-element cap, so this run stops it after a guard\'s count.',
    when: (d) => d.verdict === 'ours-refuses' && (d.md.guard === 'compounds-at-end' || d.md.guard === 'no-byte-elements') &&
      (d.e.kind === 'length-exceeds' || d.e.kind === 'nbt')
  },
  {
    name: 'md-two-differences',
    reason: 'Two of the md-* differences above in one mutant (minecraft-data patched for both reads it as we do, patched for either alone does not).',
    when: (d) => twoPatchesAgree(d)
  }
]

// ---------------------------------------------------------------- vanilla's readings for minecraft-data
// Where minecraft-data reads (or writes) some bytes otherwise than vanilla,
// a patch makes node-minecraft-protocol's compiled reader (or writer) do
// it as vanilla does: compiled code calls every named type through its
// context object, so a named type's function can be swapped for a while.
// A class for such a case holds when, patched, node-minecraft-protocol
// reads the mutant as we do (both whole, as the same packet, or both
// refuse) and did not unpatched; or, for a packet both read whole, when
// its patched re-encoding is ours. The difference is then exactly the
// patched one. A patch's `applies` names the protocols it is for.
const { PartialReadError } = require('protodef').utils

// Java's modified UTF-8 (DataInput.readUTF / DataOutput.writeUTF, which
// vanilla's NBT strings use): NUL as C0 80, each UTF-16 unit of an astral
// character in three bytes, no 4-byte sequences.
function readModifiedUtf8 (buf) {
  let s = ''
  for (let i = 0; i < buf.length;) {
    const c = buf[i]
    const cont = (k) => { if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80) throw new Error('malformed modified UTF-8'); return buf[i + k] & 0x3f }
    if (c < 0x80) { s += String.fromCharCode(c); i += 1 } else if ((c & 0xe0) === 0xc0) { s += String.fromCharCode(((c & 0x1f) << 6) | cont(1)); i += 2 } else if ((c & 0xf0) === 0xe0) { s += String.fromCharCode(((c & 0x0f) << 12) | (cont(1) << 6) | cont(2)); i += 3 } else throw new Error('malformed modified UTF-8')
  }
  return s
}
function modifiedUtf8 (s) {
  const out = []
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c !== 0 && c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f))
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f))
  }
  return Buffer.from(out)
}

const PATCHES = {
  // Vanilla's readItemStackFromBuffer: a negative id (not only -1) is an
  // empty slot, with nothing after it; writeItemStackToBuffer writes an
  // empty slot as -1.
  slot: {
    read: {
      slot: (orig) => (buffer, offset) => {
        if (offset + 2 > buffer.length) throw new PartialReadError()
        const id = buffer.readInt16BE(offset)
        return id < 0 ? { value: { blockId: id }, size: 2 } : orig(buffer, offset)
      }
    },
    write: {
      slot: (orig) => (value, buffer, offset) => {
        if (value.blockId >= 0) return orig(value, buffer, offset)
        buffer.writeInt16BE(-1, offset)
        return offset + 2
      }
    },
    sizeOf: { slot: (orig) => (value) => value.blockId >= 0 ? orig(value) : 2 }
  },
  // Vanilla's readNBTTagCompoundFromBuffer (1.8) / readCompoundTag (1.9
  // on): a first byte 0 (TAG_End) is no tag, one byte long. minecraft-data
  // types some NBT fields (Chunk Data's block entities, Update Entity NBT)
  // `nbt`, which reads a name after it. (prismarine-nbt's compounds read
  // their children through `nbt` too, but never one of type 0.)
  nbtEnd: {
    read: {
      nbt: (orig) => (buffer, offset) => {
        if (offset + 1 > buffer.length) throw new PartialReadError()
        return buffer[offset] === 0 ? { value: undefined, size: 1 } : orig(buffer, offset)
      }
    }
  },
  // Vanilla's NBT names are any modified UTF-8 (readUTF), NUL included;
  // prismarine-nbt refuses a name with NUL.
  nbtNameNul: {
    read: { nbtTagName: (orig, ctx) => (buffer, offset) => ctx.shortString(buffer, offset) }
  },
  // NBT strings in modified UTF-8, read and written as vanilla does;
  // prismarine-nbt reads and writes UTF-8.
  nbtModifiedUtf8: {
    read: {
      shortString: () => (buffer, offset) => {
        if (offset + 2 > buffer.length) throw new PartialReadError()
        const n = buffer.readUInt16BE(offset)
        if (offset + 2 + n > buffer.length) throw new PartialReadError()
        return { value: readModifiedUtf8(buffer.subarray(offset + 2, offset + 2 + n)), size: 2 + n }
      }
    },
    write: {
      shortString: () => (value, buffer, offset) => {
        const b = modifiedUtf8(value)
        buffer.writeUInt16BE(b.length, offset)
        b.copy(buffer, offset + 2)
        return offset + 2 + b.length
      }
    },
    sizeOf: { shortString: () => (value) => 2 + modifiedUtf8(value).length }
  },
  // Vanilla's readVarLong / writeVarLong: 64 bits. node-minecraft-protocol
  // reads and writes a VarLong with its 32-bit VarInt code.
  varlong: {
    read: {
      varlong: () => (buffer, offset) => {
        let v = 0n
        for (let i = 0; i < 10; i++) {
          if (offset + i >= buffer.length) throw new PartialReadError()
          const b = buffer[offset + i]
          v |= BigInt(b & 0x7f) << BigInt(7 * i)
          if (!(b & 0x80)) return { value: BigInt.asIntN(64, v), size: i + 1 }
        }
        throw new Error('VarLong too big')
      }
    },
    write: {
      varlong: () => (value, buffer, offset) => {
        let u = BigInt.asUintN(64, BigInt(value))
        do {
          let b = Number(u & 0x7fn)
          u >>= 7n
          if (u) b |= 0x80
          buffer[offset++] = b
        } while (u)
        return offset
      }
    },
    sizeOf: {
      varlong: () => (value) => {
        let u = BigInt.asUintN(64, BigInt(value))
        let n = 1
        while (u >= 0x80n) { u >>= 7n; n++ }
        return n
      }
    }
  },
  // Entity metadata from 1.9: vanilla reads each entry's type as a VarInt
  // and fails on a type it has no serializer for (EntityDataManager
  // .readEntries); minecraft-data reads a signed byte, and no value for a
  // type it does not know.
  metadataVarIntType: {
    applies: (p) => p >= 107,
    read: {
      entityMetadata: (orig, ctx) => (buffer, offset) => {
        const data = []
        for (let at = offset; ;) {
          if (at >= buffer.length) throw new PartialReadError()
          const key = buffer[at]
          if (key === 255) return { value: data, size: at + 1 - offset }
          const type = ctx.varint(buffer, at + 1)
          if (type.value < 0 || type.value > (C.PROTOCOL >= 335 ? 13 : 12)) throw new Error(`Unknown serializer type ${type.value}`)
          const value = ctx.entityMetadataItem(buffer, at + 1 + type.size, type.value)
          data.push({ key, type: type.value, value: value.value })
          at += 1 + type.size + value.size
        }
      }
    }
  },
  // Vanilla 1.8's S0EPacketSpawnObject reads the velocity when the data is
  // > 0; minecraft-data when it is != 0.
  spawnObjectVelocity: {
    applies: (p) => p <= 54,
    read: {
      packet_spawn_entity: (orig, ctx) => (buffer, offset) => {
        const at = offset + ctx.varint(buffer, offset).size + 1 + 12 + 2
        if (at + 4 > buffer.length || buffer.readInt32BE(at) >= 0) return orig(buffer, offset)
        const copy = Buffer.from(buffer)
        copy.writeInt32BE(0, at)
        const r = orig(copy, offset)
        r.value.objectData = buffer.readInt32BE(at)
        return r
      }
    }
  },
  // Vanilla 1.10-1.12's EnumParticleTypes gives falling dust (46) one
  // argument, a VarInt after the packet's fixed fields; minecraft-data none.
  fallingDust: {
    applies: (p) => p >= 210,
    read: {
      packet_world_particles: (orig, ctx) => (buffer, offset) => {
        const r = orig(buffer, offset)
        if (r.value.particleId !== 46) return r
        const v = ctx.varint(buffer, offset + r.size)
        return { value: Object.assign(r.value, { data: [v.value] }), size: r.size + v.size }
      }
    }
  }
}
// Runs `f` with the functions of `table` (type -> maker) swapped into the
// context `ctx`; null when a type is not there.
function withSwapped (ctx, table, f) {
  const saved = {}
  for (const name of Object.keys(table || {})) {
    if (typeof ctx[name] !== 'function') return null
    saved[name] = ctx[name]
  }
  for (const [name, make] of Object.entries(table || {})) ctx[name] = make(saved[name], ctx)
  try {
    return f()
  } finally {
    Object.assign(ctx, saved)
  }
}
// minecraft-data's reading of d's mutant with `patch` applied.
function readPatched (d, patch) {
  if (patch.applies && !patch.applies(d.protocol)) return null
  return withSwapped(d.parser.proto.readCtx, patch.read, () => readMd(d.parser, Buffer.from(d.hex, 'hex')))
}
// Whether a reading of minecraft-data's is ours: both refuse (or leave
// bytes over), or both read every byte as the same packet.
function readsAsWe (d, r) {
  if (!r) return false
  const whole = r.ok && r.trailing === 0
  // Bytes left over: the same number of them.
  if (d.ours.error) return d.e.kind === 'trailing' ? r.ok && r.trailing === d.e.count : !whole
  return whole && typeof r.name === 'string' && (d.fieldMaps[r.name] || {}).type === d.ours.name
}
// Whether minecraft-data, patched to read as vanilla, reads d's mutant as we
// do, where it did not unpatched.
function patchedAgrees (d, patchName) {
  return !readsAsWe(d, d.md) && readsAsWe(d, readPatched(d, PATCHES[patchName]))
}
// Whether two patches together (and neither alone) make minecraft-data
// read d's mutant as we do.
function twoPatchesAgree (d) {
  if (readsAsWe(d, d.md)) return false
  const names = Object.keys(PATCHES).filter((n) => PATCHES[n].read && (!PATCHES[n].applies || PATCHES[n].applies(d.protocol)))
  if (names.some((n) => readsAsWe(d, readPatched(d, PATCHES[n])))) return false
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = PATCHES[names[i]].read
      const b = PATCHES[names[j]].read
      if (Object.keys(a).some((t) => t in b)) continue
      if (readsAsWe(d, readPatched(d, { read: Object.assign({}, a, b) }))) return true
    }
  }
  return false
}
// For a packet both read whole but re-encode differently: whether, patched
// to read and write as vanilla, minecraft-data re-encodes it as we do.
function patchedReencodes (d, patchName) {
  if (d.verdict !== 'differ' || d.ourHex === null) return false
  const patch = PATCHES[patchName]
  if (patch.applies && !patch.applies(d.protocol)) return false
  const r = patch.read ? readPatched(d, patch) : d.md
  if (!readsAsWe(d, r)) return false
  const proto = d.serializer.proto
  const hex = withSwapped(proto.sizeOfCtx, patch.sizeOf, () => withSwapped(proto.writeCtx, patch.write, () => {
    try { return d.serializer.createPacketBuffer({ name: r.name, params: r.params }).toString('hex') } catch (e) { return null }
  }))
  return hex === d.ourHex
}

// ---------------------------------------------------------------- summary
// A table of the class counts of several runs (the DIFF lines they print).
function summary (files) {
  const versions = []
  const counts = new Map() // class -> protocol -> n
  const totals = new Map() // protocol -> { key: n }
  for (const f of files) {
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      const m = /^DIFF (\d+) (class|total) (.*)$/.exec(line.trim())
      if (!m) continue
      const p = Number(m[1])
      if (!versions.includes(p)) versions.push(p)
      if (m[2] === 'class') {
        const [name, n] = m[3].split(' ')
        if (!counts.has(name)) counts.set(name, new Map())
        counts.get(name).set(p, Number(n))
      } else {
        const t = {}
        for (const kv of m[3].split(' ')) { const [k, v] = kv.split('='); t[k] = Number(v) }
        totals.set(p, t)
      }
    }
  }
  versions.sort((a, b) => a - b)
  const rows = []
  const sum = (get) => versions.reduce((a, p) => a + (get(p) || 0), 0)
  // The classes met, in the table's order (a name the table no longer has
  // last).
  const names = CLASSES.map((c) => c.name).concat([...counts.keys()].filter((n) => !CLASSES.some((c) => c.name === n)))
  const met = names.filter((n) => counts.has(n) && sum((p) => counts.get(n).get(p)) > 0)
  for (const n of met) {
    const per = counts.get(n)
    rows.push([n, ...versions.map((p) => String(per.get(p) || 0)), String(sum((p) => per.get(p)))])
  }
  const totalRow = (label, key) => [label, ...versions.map((p) => String((totals.get(p) || {})[key] ?? '-')), String(sum((p) => (totals.get(p) || {})[key]))]
  const header = ['class \\ protocol', ...versions.map(String), 'all']
  const all = [header, ...rows, totalRow('(disagreements)', 'disagree'), totalRow('(both accept)', 'both_accept'),
    totalRow('(both refuse)', 'both_refuse'), totalRow('(unclassified)', 'unclassified'), totalRow('(mutants)', 'mutants')]
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)))
  const line = (r) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ')
  console.log(line(header))
  for (const r of all.slice(1)) console.log(line(r))
  console.log('Classes (the reason vanilla gives for the side that follows it):')
  for (const c of CLASSES) if (met.includes(c.name)) console.log(`  ${c.name}: ${c.reason}`)
}

// ---------------------------------------------------------------- our schema
// Filled from corpus.js's schema by main().
const fieldTypes = new Map() // "Type.field" / "Type::Variant.field" -> wire type
const closedEnums = new Set()
const closedSwitches = new Set()
let C = null // corpus.js
let knownIds = null // "state/direction" -> Set of ids we have a packet for

function indexSchema () {
  const seen = new Set()
  const walk = (w) => {
    w = C.unwrapOurs(w)
    if (w == null || typeof w !== 'object' || seen.has(w)) return
    seen.add(w)
    if (w.Struct) {
      for (const f of w.Struct.fields) { fieldTypes.set(`${w.Struct.name}.${f.name}`, f.type); walk(f.type) }
    } else if (w.Switch) {
      if (!w.Switch.open) closedSwitches.add(w.Switch.name)
      for (const v of w.Switch.variants) {
        for (const f of v.fields) { fieldTypes.set(`${w.Switch.name}::${v.name}.${f.name}`, f.type); walk(f.type) }
      }
    } else if (w.Enum) {
      if (!w.Enum.open) closedEnums.add(w.Enum.name)
    } else if (w.Array) walk(w.Array.of)
    else if (w.Optional) walk(w.Optional)
    else if (w.Conditional) walk(w.Conditional.of)
  }
  knownIds = new Map()
  for (const p of C.ourSchema.packets) {
    const key = `${p.state}/${p.direction}`
    if (!knownIds.has(key)) knownIds.set(key, new Set())
    knownIds.get(key).add(p.id)
    for (const f of p.fields) { fieldTypes.set(`${p.name}.${f.name}`, f.wire); walk(f.wire) }
  }
}
const leafAt = (p) => (p && fieldTypes.has(p) ? C.ourLeafType(fieldTypes.get(p)) : null)
function isStringField (p) {
  const t = leafAt(p)
  return !!t && (t.String !== undefined || t.Named === 'Chat')
}
function isChatField (p) {
  const t = leafAt(p)
  return !!t && t.Named === 'Chat'
}
// Entity metadata: one field of ours, read by its own code (errors inside
// it name the field).
function isMetadataField (p) {
  const t = leafAt(p)
  return !!t && typeof t.Named === 'string' && t.Named.startsWith('Entity Metadata')
}
// minecraft-data's metadata entries (1.9 on) with a type it has no value
// for (its type is a signed byte, so a VarInt's first byte may be negative).
function mdUnknownMetadataType (v) {
  let found = false
  const walk = (x) => {
    if (found || x == null || typeof x !== 'object') return
    if (Array.isArray(x)) {
      if (x.some((e) => e && typeof e === 'object' && 'key' in e && typeof e.type === 'number' && (e.type < 0 || e.type > (C.PROTOCOL >= 335 ? 13 : 12)))) found = true
      else x.forEach(walk)
    } else Object.values(x).forEach(walk)
  }
  walk(v)
  return found
}
// Whether minecraft-data's reading has an NBT list of `n` compounds.
function mdHasCompoundList (v, n) {
  let found = false
  const walk = (x) => {
    if (found || x == null || typeof x !== 'object' || Buffer.isBuffer(x)) return
    if (x.type === 'list' && x.value && x.value.type === 'compound' && Array.isArray(x.value.value) && x.value.value.length === n) found = true
    else Object.values(x).forEach(walk)
  }
  walk(v)
  return found
}
// minecraft-data's reading re-encoded with every empty NBT list of an
// element type prismarine-nbt has no name for (a number) written as a list
// of TAG_End, as vanilla writes an empty list.
function mdWithEmptyListsAsEnd (d) {
  let changed = false
  const fix = (x) => {
    if (x == null || typeof x !== 'object') return x
    if (Array.isArray(x)) return x.map(fix)
    if (x.type === 'list' && x.value && typeof x.value.type === 'number' && Array.isArray(x.value.value) && x.value.value.length === 0) {
      changed = true
      return { type: 'list', value: { type: 'end', value: [] } }
    }
    if (Buffer.isBuffer(x)) return x
    const out = {}
    for (const [k, v] of Object.entries(x)) out[k] = fix(v)
    return out
  }
  const params = fix(d.md.params)
  if (!changed) return null
  try { return d.serializer.createPacketBuffer({ name: d.md.name, params }).toString('hex') } catch (e) { return null }
}
// Whether two re-encodings differ only in floats that are NaN in both
// (node-minecraft-protocol's numbers do not keep a NaN's bits).
function differOnlyInNaNs (a, b) {
  if (!a || !b || a.length !== b.length) return false
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  const isNaN32 = (buf, i) => i >= 0 && i + 4 <= buf.length && Number.isNaN(buf.readFloatBE(i))
  const isNaN64 = (buf, i) => i >= 0 && i + 8 <= buf.length && Number.isNaN(buf.readDoubleBE(i))
  let differs = false
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue
    differs = true
    let covered = false
    for (let k = i - 7; k <= i && !covered; k++) {
      if (k > i - 4 && isNaN32(x, k) && isNaN32(y, k)) covered = true
      else if (isNaN64(x, k) && isNaN64(y, k)) covered = true
    }
    if (!covered) return false
  }
  return differs
}
function knownId (d, id) {
  return knownIds.get(`${d.state}/${d.dir}`).has(id)
}

// ---------------------------------------------------------------- our errors
// inspect prints an error as
//   Packet (state direction 0xID, protocol N): Outer.path > Inner.path: what
// (the packet, the context and the paths when known; one path when they are
// the same). The kinds are mcproto_core::ErrorKind's messages.
const KINDS = [
  [/^unexpected end of input reading (.+): needed (\d+) bytes, (\d+) left$/, 'eof', ['what', 'needed', 'remaining']],
  [/^(VarInt|VarLong|frame length) longer than (\d+) bytes$/, 'varint-long', ['what', 'max']],
  [/^negative length (-?\d+)$/, 'negative-length', ['len']],
  [/^length (\d+) needs at least (\d+) bytes but only (\d+) remain$/, 'length-exceeds', ['len', 'needed', 'remaining']],
  [/^too long: (\d+) (characters|bytes|elements), maximum (\d+)$/, 'too-long', ['len', 'unit', 'max']],
  [/^invalid UTF-8 in string$/, 'utf8', []],
  [/^unknown (.+) value (-?\d+)$/, 'unknown-value', ['ty', 'value']],
  [/^value (-?\d+) out of range for (.+)$/, 'out-of-range', ['value', 'ty']],
  [/^(\d+) trailing bytes after the packet$/, 'trailing', ['count']],
  [/^NBT: (.*)$/, 'nbt', ['nbt']],
  [/^invalid entity metadata type (\d+)$/, 'metadata-type', ['type']],
  [/^invalid JSON at line (\d+) column (\d+)$/, 'json', ['line', 'column']],
  [/^(\d+) elements where earlier fields call for (\d+)$/, 'count-mismatch', ['actual', 'expected']]
]
function parseOurError (text) {
  const e = { text, kind: 'other', packet: null, inner: null, outer: null }
  let rest = text
  const cx = /^(?:([A-Za-z]\w*) )?\((\w+) (\w+)(?: (0x[0-9a-f]+))?, protocol (\d+)\): /.exec(rest)
  if (cx) {
    e.packet = cx[1] || null
    e.id = cx[4] ? parseInt(cx[4], 16) | 0 : null
    rest = rest.slice(cx[0].length)
  }
  const two = /^([A-Za-z_][\w:.]*) > ([A-Za-z_][\w:.]*): /.exec(rest)
  const one = /^([A-Za-z_][\w:]*\.[\w:.]+): /.exec(rest)
  if (two) { e.outer = two[1]; e.inner = two[2]; rest = rest.slice(two[0].length) } else if (one) { e.outer = e.inner = one[1]; rest = rest.slice(one[0].length) }
  e.message = rest
  for (const [re, kind, names] of KINDS) {
    const m = re.exec(rest)
    if (!m) continue
    e.kind = kind
    names.forEach((n, i) => { e[n] = /^-?\d+$/.test(m[i + 1]) ? Number(m[i + 1]) : m[i + 1] })
    break
  }
  return e
}

// ---------------------------------------------------------------- wire helpers
function varintBytes (v, minLen = 1) {
  let u = v >>> 0
  const out = []
  do {
    let b = u & 0x7f
    u >>>= 7
    if (u !== 0 || out.length + 1 < minLen) b |= 0x80
    out.push(b)
  } while (u !== 0)
  // Padding: continuation bytes of zero bits, then a last zero byte.
  while (out.length < minLen) out.push(out.length + 1 < minLen ? 0x80 : 0x00)
  return Buffer.from(out)
}
function intBytes (type, v) {
  switch (type) {
    case 'varint': return varintBytes(Number(BigInt.asIntN(32, BigInt(v))))
    case 'i8': case 'u8': case 'bool': return Buffer.from([Number(BigInt.asUintN(8, BigInt(v)))])
    case 'i16': case 'u16': { const b = Buffer.alloc(2); b.writeUInt16BE(Number(BigInt.asUintN(16, BigInt(v)))); return b }
    case 'i32': { const b = Buffer.alloc(4); b.writeUInt32BE(Number(BigInt.asUintN(32, BigInt(v)))); return b }
  }
  return null
}
const INT_LIMITS = { i8: [-128, 127], u8: [0, 255], i16: [-32768, 32767], u16: [0, 65535], i32: [-2147483648, 2147483647], varint: [-2147483648, 2147483647], bool: [0, 255] }
const splice = (buf, at, size, bytes) => Buffer.concat([buf.subarray(0, at), bytes, buf.subarray(at + size)])

// ---------------------------------------------------------------- tracing
// The positions of an instance's length prefixes, counts and numbers:
// minecraft-data's type tree walked along the values its parser read, each
// leaf's size from the compiled reader of its type. Marks:
// { kind: 'id' | 'strlen' | 'buflen' | 'count' | 'int' | 'bool', at, size,
//   type, value, path, mappings? }.
function trace (c, proto) {
  const buf = c.buf
  const types = c.types
  const marks = []
  const readAt = (type, off) => proto.read(buf, off, type)
  const id = readAt('varint', 0)
  marks.push({ kind: 'id', at: 0, size: id.size, type: 'varint', value: id.value, path: 'id' })
  const walk = (t, value, comps, stack, off) => {
    const r = C.resolve(types, t)
    const where = comps.join('.')
    switch (r.kind) {
      case 'void': return off
      case 'pstring': case 'buffer': {
        if (!r.args.countType) return off + Number(r.args.count)
        const n = readAt(r.args.countType, off)
        marks.push({ kind: r.kind === 'pstring' ? 'strlen' : 'buflen', at: off, size: n.size, type: r.args.countType, value: n.value, path: where })
        return off + n.size + n.value
      }
      case 'array': {
        if (r.args.countType) {
          const n = readAt(r.args.countType, off)
          marks.push({ kind: 'count', at: off, size: n.size, type: r.args.countType, value: n.value, path: where })
          off += n.size
        }
        for (const v of value) off = walk(r.args.type, v, comps, stack, off)
        return off
      }
      case 'container': {
        stack.push(value)
        for (const f of r.args) {
          off = f.anon ? walk(f.type, value, comps, stack, off) : walk(f.type, value[f.name], comps.concat([f.name]), stack, off)
        }
        stack.pop()
        return off
      }
      case 'switch': {
        const target = C.lookupCompare(stack, r.args.compareTo)
        const branch = Object.prototype.hasOwnProperty.call(r.args.fields, String(target)) ? r.args.fields[String(target)] : (r.args.default ?? 'void')
        return walk(branch, value, comps, stack, off)
      }
      case 'option': {
        marks.push({ kind: 'bool', at: off, size: 1, type: 'bool', value: buf[off], path: where })
        return value === undefined || value === null ? off + 1 : walk(r.args, value, comps, stack, off + 1)
      }
      case 'mapper': {
        const n = readAt(r.args.type, off)
        marks.push({ kind: 'int', at: off, size: n.size, type: r.args.type, value: n.value, path: where, mappings: r.args.mappings })
        return off + n.size
      }
      case 'bitfield': return off + r.args.reduce((a, f) => a + f.size, 0) / 8
      default: {
        // A native or a named type of its own (slot, position, NBT, entity
        // metadata, UUID...): its compiled reader gives the size.
        const n = readAt(r.kind, off)
        if (INT_LIMITS[r.kind]) marks.push({ kind: r.kind === 'bool' ? 'bool' : 'int', at: off, size: n.size, type: r.kind, value: n.value, path: where })
        return off + n.size
      }
    }
  }
  let end = null
  try {
    end = walk(`packet_${c.mdName}`, c.params, [], [], id.size)
  } catch (e) {
    return { marks: [], complete: false }
  }
  return end === buf.length ? { marks, complete: true } : { marks: [], complete: false }
}

// ---------------------------------------------------------------- mutations
// Each kind's weight, and the marks it needs; a kind whose marks the base
// does not have is left out for it.
const KIND_WEIGHTS = [['flip', 18], ['insert', 8], ['delete', 8], ['truncate', 8], ['length', 20], ['count', 12], ['field', 14], ['varint', 6], ['id', 6]]
const KIND_NEEDS = { length: ['strlen', 'buflen'], count: ['count'], field: ['int', 'bool'] }
function pickKind (rng, tr) {
  const usable = KIND_WEIGHTS.filter(([k]) => !KIND_NEEDS[k] || tr.marks.some((m) => KIND_NEEDS[k].includes(m.kind)))
  let r = rng.next() * usable.reduce((a, [, w]) => a + w, 0)
  for (const [k, w] of usable) { if (r < w) return k; r -= w }
  return 'flip'
}
function randomBytes (rng, n) {
  const b = Buffer.alloc(n)
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255)
  return b
}
// One mutant of `c` (with its trace `tr`): { kind, detail, buf }.
function mutate (rng, c, tr, ids) {
  const buf = c.buf
  const len = buf.length
  const of = (kinds) => tr.marks.filter((m) => kinds.includes(m.kind))
  let kind = pickKind(rng, tr)
  for (;;) {
    switch (kind) {
      case 'flip': {
        const at = rng.int(0, len - 1)
        const mask = rng.chance(0.5) ? 1 << rng.int(0, 7) : rng.int(1, 255)
        const out = Buffer.from(buf)
        out[at] ^= mask
        return { kind, detail: `byte ${at} ^ 0x${mask.toString(16)}`, buf: out }
      }
      case 'insert': {
        const at = rng.int(0, len)
        const n = rng.int(1, 4)
        return { kind, detail: `${n} byte(s) at ${at}`, buf: splice(buf, at, 0, randomBytes(rng, n)) }
      }
      case 'delete': {
        if (len < 2) { kind = 'insert'; continue }
        const at = rng.int(1, len - 1)
        const n = Math.min(rng.int(1, 4), len - at)
        return { kind, detail: `${n} byte(s) at ${at}`, buf: splice(buf, at, n, Buffer.alloc(0)) }
      }
      case 'truncate': {
        const at = rng.int(0, len - 1)
        return { kind, detail: `to ${at} of ${len} bytes`, buf: buf.subarray(0, at) }
      }
      case 'length': {
        const ms = of(['strlen', 'buflen'])
        if (!ms.length) { kind = 'flip'; continue }
        const m = rng.pick(ms)
        const delta = rng.pick([1, -1, 16, -16])
        return { kind, detail: `${m.path} length ${m.value} ${delta > 0 ? '+' : ''}${delta}`, buf: splice(buf, m.at, m.size, intBytes(m.type, m.value + delta)) }
      }
      case 'count': {
        const ms = of(['count'])
        if (!ms.length) { kind = 'length'; continue }
        const m = rng.pick(ms)
        const [lo, hi] = INT_LIMITS[m.type]
        const v = rng.pick([m.value + 1, m.value - 1, m.value + 16, m.value - 16, 0, -1, hi, lo, rng.int(2, 300)])
        return { kind, detail: `${m.path} count ${m.value} -> ${v}`, buf: splice(buf, m.at, m.size, intBytes(m.type, v)) }
      }
      case 'field': {
        const ms = of(['int', 'bool'])
        if (!ms.length) { kind = 'flip'; continue }
        const m = rng.pick(ms)
        const [lo, hi] = INT_LIMITS[m.type]
        let v
        if (m.kind === 'bool') v = rng.pick([2, 0x7f, 0x80, 0xff])
        else if (m.mappings) {
          const keys = Object.keys(m.mappings).map(Number)
          v = rng.pick([Math.max(...keys) + 1, Math.min(...keys) - 1, Math.max(...keys) + rng.int(2, 40), -1, hi])
        } else {
          const cur = typeof m.value === 'number' ? m.value : 0
          v = rng.pick([cur + 1, cur - 1, 0, -1, 1, hi, lo, rng.int(lo, hi)])
        }
        return { kind, detail: `${m.path} ${m.value} -> ${v}`, buf: splice(buf, m.at, m.size, intBytes(m.type, v)) }
      }
      case 'varint': {
        const ms = tr.marks.filter((m) => m.type === 'varint')
        if (!ms.length) { kind = 'flip'; continue }
        const m = rng.pick(ms)
        const to = m.size < 5 && rng.chance(0.6) ? rng.int(m.size + 1, 5) : 6
        return { kind, detail: `${m.path} (${m.value}) in ${to} bytes`, buf: splice(buf, m.at, m.size, varintBytes(Number(BigInt.asIntN(32, BigInt(m.value))), to)) }
      }
      case 'id': {
        const m = tr.marks.find((x) => x.kind === 'id') || { at: 0, size: 1 }
        const top = Math.max(...ids)
        const v = rng.pick([rng.pick(ids), rng.pick(ids), top + 1, top + rng.int(2, 60), -1, 0x7f])
        return { kind, detail: `id -> ${v}`, buf: splice(buf, m.at, m.size, varintBytes(v)) }
      }
    }
  }
}

// ---------------------------------------------------------------- the two readers
function runOurs (state, dir, hexes) {
  const r = spawnSync(C.args.inspect, ['--protocol', String(C.PROTOCOL), '--state', state, '--direction', dir], {
    input: hexes.join('\n') + '\n',
    maxBuffer: 1 << 30,
    timeout: 300000,
    encoding: 'utf8'
  })
  const lines = (r.stdout || '').split('\n')
  if (lines.length && lines[lines.length - 1] === '') lines.pop()
  const parsed = []
  let bad = r.status !== 0 || r.error || lines.length !== hexes.length
  for (const l of lines) {
    try { parsed.push(C.parseJsonBig(l)) } catch (e) { bad = true; parsed.push(null) }
  }
  return { ok: !bad, results: parsed, status: r.status, signal: r.signal, stderr: (r.stderr || '').slice(0, 2000), error: r.error && r.error.message }
}
// The mutants that make inspect fail (a non-zero exit, a signal, output that
// is not one JSON line each), found by halving the batch.
function findCrashes (state, dir, hexes, out) {
  if (out.length >= 5) return
  const r = runOurs(state, dir, hexes)
  if (r.ok) return
  if (hexes.length === 1) { out.push({ hex: hexes[0], run: r }); return }
  const half = Math.ceil(hexes.length / 2)
  findCrashes(state, dir, hexes.slice(0, half), out)
  findCrashes(state, dir, hexes.slice(half), out)
}

// A count far beyond the bytes left makes node-minecraft-protocol read
// millions of elements that take no bytes (NBT TAG_End or unknown types;
// compounds at the end of the buffer, which prismarine-nbt's compound
// reader ends there) or UUIDs past the end of the buffer (its UUID reader
// checks no bounds), until its array cap (16777215) stops it: a guard
// stops the read sooner, and says why in md.guard.
const GUARD_AFTER = 100000
// (Its kind is a property: protodef rewrites an error's message.)
class Guard extends Error {
  constructor (kind) {
    super(kind)
    this.kind = kind
  }
}
const GUARD = {
  compound: (orig) => {
    let n = 0
    return (buffer, offset) => {
      if (offset === buffer.length && ++n > GUARD_AFTER) throw new Guard('compounds-at-end')
      return orig(buffer, offset)
    }
  },
  UUID: (orig) => {
    let n = 0
    return (buffer, offset) => {
      if (offset + 16 > buffer.length && ++n > GUARD_AFTER) throw new Guard('uuids-past-end')
      return orig(buffer, offset)
    }
  },
  void: (orig) => {
    let n = 0
    return (buffer, offset) => {
      if (++n > 10 * GUARD_AFTER) throw new Guard('no-byte-elements')
      return orig(buffer, offset)
    }
  }
}
function readMd (parser, buf) {
  return withSwapped(parser.proto.readCtx, GUARD, () => {
    try {
      // A copy: a parser may write to its buffer.
      const p = parser.parsePacketBuffer(Buffer.from(buf))
      return { ok: true, name: p.data.name, params: p.data.params, trailing: buf.length - p.metadata.size }
    } catch (e) {
      if (e instanceof Guard) return { ok: false, guard: e.kind }
      return { ok: false, error: String(e && e.message).slice(0, 300), partial: !!(e && e.partialReadError) }
    }
  })
}

// ---------------------------------------------------------------- main
function main (corpus) {
  C = corpus
  const t0 = Date.now()
  const P = C.PROTOCOL
  const mutationSeed = own.mutationSeed ?? `mcproto-differential-${P}`
  indexSchema()
  const mcp = require('minecraft-protocol')
  const say = (s) => { if (!own.quiet) console.log(s) }
  console.log(`Peer: minecraft-protocol ${require('minecraft-protocol/package.json').version} parser, minecraft-data ${require('minecraft-data/package.json').version} (${C.VERSION}, protocol ${C.mdProtocolVersion()}); ours: inspect --protocol ${P}`)
  if (C.mdProtocolVersion() !== P) console.log(`Note: minecraft-data's ${C.VERSION} is protocol ${C.mdProtocolVersion()}, read here as ${P}${C.args.mdNote ? ` (${C.args.mdNote})` : ''}`)

  const sections = []
  for (const state of C.STATES) {
    for (const [mdDir, ourDir] of C.DIRS) {
      const sec = C.mdProtocol[state] && C.mdProtocol[state][mdDir]
      const mappings = sec ? sec.types.packet[1][0].type[1].mappings : {}
      const ids = Object.keys(mappings).map((h) => parseInt(h, 16))
      const idOf = Object.fromEntries(Object.entries(mappings).map(([h, name]) => [name, parseInt(h, 16)]))
      if (ids.length) sections.push({ state, mdDir, ourDir, ids, idOf })
    }
  }
  const packetsTotal = sections.reduce((a, s) => a + s.ids.length, 0)
  const failures = []
  const crashes = []
  const unclassified = []
  const counts = new Map(CLASSES.map((c) => [c.name, 0]))
  const byKind = new Map()
  const examples = new Map() // class -> the first disagreements it took
  const tot = { mutants: 0, duplicates: 0, bases: 0, traced: 0, both_accept: 0, both_refuse: 0, disagree: 0, unclassified: 0, inspect_runs: 0 }

  for (const s of sections) {
    const { state, mdDir, ourDir } = s
    const cases = C.generateCases(state, mdDir, ourDir, (f) => failures.push(`corpus: ${f}`), Number(C.args.instances))
      .filter((c) => c.buf.length <= own.maxBase)
    if (!cases.length) continue
    const isServer = mdDir === 'toClient'
    const parser = mcp.createDeserializer({ state, isServer: !isServer, version: C.VERSION, noErrorLogging: true })
    const serializer = mcp.createSerializer({ state, isServer, version: C.VERSION })
    const fieldMaps = C.mdNames[`${state}_${ourDir}`] || {}
    // Bases, packet by packet in turn, so that every packet gets its share.
    const byPacket = new Map()
    for (const c of cases) {
      if (!byPacket.has(c.mdName)) byPacket.set(c.mdName, [])
      byPacket.get(c.mdName).push(c)
    }
    const packets = [...byPacket.values()]
    const traces = new Map()
    for (const c of cases) {
      const tr = trace(c, parser.proto)
      traces.set(c, tr)
      tot.bases++
      if (tr.complete) tot.traced++
    }
    const quota = Math.round(own.mutants * s.ids.length / packetsTotal)
    const mutants = []
    const seen = new Set(cases.map((c) => c.hex))
    for (let k = 0; k < quota; k++) {
      const list = packets[k % packets.length]
      const c = list[Math.floor(k / packets.length) % list.length]
      const rng = C.makeRng(`${mutationSeed}/${state}/${mdDir}/${k}`)
      let m = null
      for (let attempt = 0; attempt < 6; attempt++) {
        const cand = mutate(rng, c, traces.get(c), s.ids)
        const hex = cand.buf.toString('hex')
        if (!seen.has(hex)) { seen.add(hex); m = Object.assign(cand, { hex, base: c }); break }
        tot.duplicates++
      }
      if (m) mutants.push(m)
    }
    if (!mutants.length) continue
    tot.mutants += mutants.length

    const ours = runOurs(state, ourDir, mutants.map((m) => m.hex))
    tot.inspect_runs++
    if (!ours.ok) {
      findCrashes(state, ourDir, mutants.map((m) => m.hex), crashes)
      if (!crashes.length) crashes.push({ hex: '(the whole batch)', run: ours })
      continue
    }
    mutants.forEach((m, k) => {
      byKind.set(m.kind, (byKind.get(m.kind) || 0) + 1)
      const o = ours.results[k]
      const md = readMd(parser, m.buf)
      const oursOk = !o.error
      const mdWhole = md.ok && md.trailing === 0
      if (!oursOk && !md.ok && !md.guard) { tot.both_refuse++; return }
      const d = { protocol: P, state, dir: ourDir, mutation: { kind: m.kind, detail: m.detail }, hex: m.hex, base: m.base, ours: o, md, packet: null, mdName: md.ok && typeof md.name === 'string' ? md.name : m.base.mdName, parser, serializer, fieldMaps }
      if (md.guard && oursOk) {
        d.verdict = 'md-guard'
      } else if (!oursOk) {
        d.verdict = 'ours-refuses'
        d.e = parseOurError(o.error)
        d.packet = d.e.packet
      } else {
        d.packet = o.name
        if (o.name === 'Unknown' || (md.ok && typeof md.name !== 'string')) d.verdict = 'unknown-id'
        else if (!md.ok) d.verdict = 'md-refuses'
        else if (!mdWhole) d.verdict = 'md-trailing'
        else {
          // Both read every byte: the same packet, re-encoded alike?
          const mdType = (fieldMaps[md.name] || {}).type
          let mdHex = null
          try { md.reencoded = mdHex = serializer.createPacketBuffer({ name: md.name, params: md.params }).toString('hex') } catch (e) { md.reencodeError = String(e.message).slice(0, 300) }
          const ourHex = o.roundtrip ? m.hex : (o.reencoded ?? null)
          if (mdType === o.name && o.id === s.idOf[md.name] && mdHex !== null && ourHex === mdHex) { tot.both_accept++; return }
          d.verdict = 'differ'
          d.mdType = mdType
          d.ourHex = ourHex
        }
      }
      tot.disagree++
      const cls = CLASSES.find((c) => {
        try {
          return c.when(d)
        } catch (e) {
          failures.push(`class ${c.name}: the predicate threw on ${state} ${ourDir} ${m.base.mdName} #${m.base.i} (${m.kind} ${m.detail}): ${e.stack}`)
          return false
        }
      })
      if (cls) {
        counts.set(cls.name, counts.get(cls.name) + 1)
        if (own.examples > 0) {
          if (!examples.has(cls.name)) examples.set(cls.name, [])
          if (examples.get(cls.name).length < own.examples) examples.get(cls.name).push(d)
        }
      } else { tot.unclassified++; unclassified.push(d) }
    })
  }

  // ---------------------------------------------------------------- report
  const secs = ((Date.now() - t0) / 1000).toFixed(1)
  say(`Mutations: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}; ${tot.traced}/${tot.bases} bases traced (length, count and field mutations need a trace)`)
  const used = CLASSES.filter((c) => counts.get(c.name) > 0)
  if (used.length) {
    say('Disagreements by class:')
    const w = Math.max(...used.map((c) => c.name.length))
    for (const c of used) say(`  ${c.name.padEnd(w)}  ${String(counts.get(c.name)).padStart(5)}`)
  }
  const machine = CLASSES.map((c) => `DIFF ${P} class ${c.name} ${counts.get(c.name)}`)
    .concat([`DIFF ${P} total ${Object.entries(tot).map(([k, v]) => `${k}=${v}`).join(' ')}`]).join('\n') + '\n'
  if (own.counts) fs.writeFileSync(own.counts, machine)
  else process.stdout.write(machine)
  console.log(`differential ${P} (${C.VERSION}): ${tot.mutants} mutants of ${tot.bases} instances: ${tot.both_accept} both accept (same packet, same re-encoding), ${tot.both_refuse} both refuse, ${tot.disagree} disagreements (${tot.disagree - tot.unclassified} in ${used.length} classes, ${tot.unclassified} unclassified); inspect ${crashes.length ? 'CRASHED' : 'never crashed'} (${tot.inspect_runs} runs); seed "${mutationSeed}", ${secs} s`)

  let failed = false
  if (failures.length) {
    failed = true
    console.log(`\n${failures.length} failure(s) of the check itself:`)
    failures.slice(0, 20).forEach((f) => console.log(`  ${f}`))
  }
  if (crashes.length) {
    failed = true
    console.log(`\ninspect failed (exit code, signal or output not one JSON line per mutant) on ${crashes.length} mutant(s):`)
    for (const c of crashes) {
      console.log(`  ${c.hex.length > 4000 ? c.hex.slice(0, 4000) + `... (${c.hex.length / 2} bytes)` : c.hex}`)
      console.log(`    exit ${c.run.status}, signal ${c.run.signal}${c.run.error ? ', ' + c.run.error : ''}; stderr: ${c.run.stderr.trim().split('\n').slice(-3).join(' | ')}`)
    }
  }
  for (const [name, ds] of examples) {
    console.log(`\nExamples of ${name}:`)
    for (const d of ds) console.log(describe(d))
  }
  if (unclassified.length) {
    failed = true
    console.log(`\n${unclassified.length} unclassified disagreement(s) (first ${Math.min(own.show, unclassified.length)}):`)
    for (const d of unclassified.slice(0, own.show)) console.log(describe(d))
  }
  if (failed) process.exit(1)
  console.log('differential: every disagreement is in a named class, and inspect never crashed')
}

function describe (d) {
  const md = d.md.ok
    ? `read ${typeof d.md.name === 'string' ? d.md.name : 'id ' + d.md.name}${d.md.trailing ? `, ${d.md.trailing} byte(s) left` : ''}: ${C.show(d.md.params, 600)}${d.md.reencoded && d.verdict === 'differ' ? `\n      re-encoded: ${d.md.reencoded.slice(0, 600)}` : ''}${d.md.reencodeError ? `\n      cannot re-encode: ${d.md.reencodeError}` : ''}`
    : d.md.guard ? `stopped by the guard: ${d.md.guard}` : `refused: ${d.md.error}`
  const ours = d.ours.error
    ? `refused: ${d.ours.error}`
    : `read ${d.ours.name} (id ${d.ours.id}): ${C.show(d.ours.fields, 600)}${d.verdict === 'differ' ? `\n      re-encoded: ${(d.ourHex ?? d.ours.reencode_error ?? '').slice(0, 600)}` : ''}`
  return `  - ${d.verdict}: ${d.state} ${d.dir} ${d.base.mdName} #${d.base.i}, ${d.mutation.kind} ${d.mutation.detail}\n` +
    `      mutant: ${d.hex}\n` +
    `      node-minecraft-protocol ${md}\n` +
    `      ours ${ours}`
}

if (summaryFiles) {
  summary(summaryFiles)
} else {
  // corpus.js takes its options from the command line when it is loaded.
  process.argv = [process.argv[0], path.join(__dirname, 'corpus.js'), ...forCorpus]
  main(require('./corpus'))
}
