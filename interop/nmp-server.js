#!/usr/bin/env node
// A node-minecraft-protocol server (offline, compression on) in the game
// version given, for our client. It answers the status and ping, logs players in,
// sends Join Game, a position and a chat message, sends keep-alives often,
// kicks a player that does not answer them, and reports what it sees as
// JSON lines on stdout:
//
//   {"event":"listening","port":N}
//   {"event":"login","username":...}
//   {"event":"keep_alive","username":...,"answered":N,"id":...}
//   {"event":"chat","username":...,"message":...}
//   {"event":"end","username":...,"reason":...,"answered":N}
//
//   node nmp-server.js --version 1.12.2 --motd TEXT --max-players N --chat TEXT
//                      [--compression N] [--keepalive-ms N] [--lifetime-s N]
//                      [--accept-protocol N]
//                      [--expect-user NAME --expect-chat TEXT --min-keepalives N]
//
// --accept-protocol N: also let in clients announcing protocol N (108 on a
// 1.9.2 server: minecraft-data has no 1.9.1 of its own, and 109 is
// wire-identical to 108).
//
// With --expect-user, it exits when that player leaves: 0 (after printing
// PASS) if the player logged in, answered at least --min-keepalives
// keep-alives (each with the id sent) without being kicked, and said
// --expect-chat; 1 (FAIL) otherwise. It always stops by itself after
// --lifetime-s (default 60) seconds, with 1 if a verdict was still due.
'use strict'

const mc = require('minecraft-protocol')

const opts = { version: '1.8.8', motd: 'nmp', maxPlayers: 20, chat: 'hello', compression: 64, keepaliveMs: 500, lifetimeS: 60, minKeepalives: 2 }
for (let i = 2; i < process.argv.length; i += 2) {
  const [k, v] = [process.argv[i], process.argv[i + 1]]
  if (k === '--version') opts.version = v
  else if (k === '--motd') opts.motd = v
  else if (k === '--accept-protocol') opts.acceptProtocol = Number(v)
  else if (k === '--max-players') opts.maxPlayers = Number(v)
  else if (k === '--chat') opts.chat = v
  else if (k === '--compression') opts.compression = Number(v)
  else if (k === '--keepalive-ms') opts.keepaliveMs = Number(v)
  else if (k === '--lifetime-s') opts.lifetimeS = Number(v)
  else if (k === '--expect-user') opts.expectUser = v
  else if (k === '--expect-chat') opts.expectChat = v
  else if (k === '--min-keepalives') opts.minKeepalives = Number(v)
  else throw new Error(`unknown argument ${k}`)
}
const emit = (o) => process.stdout.write(JSON.stringify(o, (k, x) => typeof x === 'bigint' ? x.toString() : x) + '\n')
// A keep-alive id as text: a number (VarInt ids), or a 64-bit id (1.12.2's
// Long), which the parser gives as [high, low] with a BigInt valueOf.
const idKey = (v) => {
  if (typeof v === 'bigint') return v.toString()
  if (Array.isArray(v)) return BigInt.asIntN(64, (BigInt(v[0]) << 32n) | BigInt.asUintN(32, BigInt(v[1]))).toString()
  return String(v)
}
const longIds = require('minecraft-data')(opts.version).protocol.play.toClient.types.packet_keep_alive[1][0].type === 'i64'
let nextId = 0x0123456789abn

const server = mc.createServer({
  host: '127.0.0.1',
  port: 0, // an ephemeral port, reported in the "listening" event
  'online-mode': false,
  version: opts.version,
  motd: opts.motd,
  maxPlayers: opts.maxPlayers,
  keepAlive: true,
  checkTimeoutInterval: opts.keepaliveMs, // a keep-alive this often
  kickTimeout: Math.max(3000, opts.keepaliveMs * 6), // kicked when answers stop
  hideErrors: true,
  // node-minecraft-protocol always sends Set Compression 256; make it use
  // our threshold instead, so that real compressed frames flow both ways.
  beforeLogin: (client) => {
    const write = client.write.bind(client)
    client.write = (name, params) => write(name, name === 'compress' ? { threshold: opts.compression } : params)
    Object.defineProperty(client, 'compressionThreshold', {
      configurable: true,
      get () { return this.compressor == null ? -2 : this.compressor.compressionThreshold },
      set () { this.setCompressionThreshold(opts.compression) }
    })
  }
})

if (opts.acceptProtocol !== undefined) {
  // Runs before the library's own Handshake listener, which refuses any
  // protocol but the server's.
  server.on('connection', (client) => {
    client.prependOnceListener('set_protocol', (p) => {
      if (p.protocolVersion === opts.acceptProtocol) {
        emit({ event: 'handshake', protocol: p.protocolVersion, treated_as: server.mcversion.version })
        p.protocolVersion = server.mcversion.version
      }
    })
  })
}
server.on('listening', () => emit({ event: 'listening', port: server.socketServer.address().port }))
server.on('error', (e) => { emit({ event: 'error', message: e.message }); process.exit(1) })

server.on('login', (client) => {
  const username = client.username
  emit({ event: 'login', username, compression: opts.compression })
  let answered = 0
  let lastSent = null
  const write = client.write.bind(client)
  client.write = (name, params) => {
    if (name === 'keep_alive') {
      // node-minecraft-protocol's ids are numbers, which its Long writer
      // sends as 0: give 1.12.2 real 64-bit ids (both halves used, and
      // negative ones), so that the answer's id means something.
      if (longIds) {
        nextId = BigInt.asIntN(64, nextId * 6364136223846793005n + 1442695040888963407n)
        params = { keepAliveId: nextId }
      }
      lastSent = idKey(params.keepAliveId)
    }
    return write(name, params)
  }
  client.on('keep_alive', (p) => {
    if (idKey(p.keepAliveId) === lastSent) answered++
    emit({ event: 'keep_alive', username, answered, id: idKey(p.keepAliveId), expected: lastSent })
  })
  const said = []
  let wrongIds = 0
  client.on('chat', (p) => { said.push(p.message); emit({ event: 'chat', username, message: p.message }) })
  client.on('keep_alive', (p) => { if (idKey(p.keepAliveId) !== lastSent) wrongIds++ })
  client.on('end', (reason) => {
    emit({ event: 'end', username, reason: String(reason), answered })
    if (username !== opts.expectUser) return
    const problems = []
    if (answered < opts.minKeepalives) problems.push(`${answered} keep-alive(s) answered, expected at least ${opts.minKeepalives}`)
    if (wrongIds) problems.push(`${wrongIds} keep-alive answer(s) with a wrong id`)
    if (/KeepAliveTimeout|kick/i.test(String(reason))) problems.push(`the player was kicked: ${reason}`)
    if (opts.expectChat !== undefined && !said.includes(opts.expectChat)) problems.push(`chat ${JSON.stringify(opts.expectChat)} not received (got ${JSON.stringify(said)})`)
    for (const p of problems) console.log(`FAIL nmp-server ${opts.version}${opts.acceptProtocol !== undefined ? ` (accepting ${opts.acceptProtocol})` : ''}: ${p}`)
    if (!problems.length) console.log(`PASS nmp-server ${opts.version}${opts.acceptProtocol !== undefined ? ` (accepting ${opts.acceptProtocol})` : ''}: ${username} logged in, answered ${answered} keep-alives, said ${JSON.stringify(said[0])}, left (${reason})`)
    process.exit(problems.length ? 1 : 0)
  })
  client.on('error', (e) => emit({ event: 'client_error', username, message: e.message }))

  client.write('login', {
    entityId: 42,
    gameMode: 1,
    dimension: 0,
    difficulty: 2,
    maxPlayers: opts.maxPlayers,
    levelType: 'default',
    reducedDebugInfo: false
  })
  client.write('spawn_position', { location: { x: 8, y: 65, z: -8 } })
  // teleportId: 1.9 on (a field the older serializers ignore).
  client.write('position', { x: 8.5, y: 65, z: -7.5, yaw: 90, pitch: 0, flags: 0, teleportId: 7 })
  client.write('chat', { message: JSON.stringify({ text: opts.chat }), position: 0 })
})

setTimeout(() => {
  emit({ event: 'lifetime_over' })
  if (opts.expectUser) console.log(`FAIL nmp-server ${opts.version}${opts.acceptProtocol !== undefined ? ` (accepting ${opts.acceptProtocol})` : ''}: ${opts.expectUser} did not leave within ${opts.lifetimeS} s`)
  process.exit(opts.expectUser ? 1 : 0)
}, opts.lifetimeS * 1000).unref()
process.on('SIGTERM', () => process.exit(0))
