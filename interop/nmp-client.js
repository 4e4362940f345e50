#!/usr/bin/env node
// node-minecraft-protocol's client (offline) against our server or our
// proxy, in the game version given.
//
//   node nmp-client.js --port N --version 1.12.2 --protocol 340
//        [--motd TEXT --max-players N]   status: also check these
//        [--compression N]               the threshold the server must set (-1: none)
//        [--stay-ms N] [--min-keepalives N] [--username NAME]
//        [--network FIRST,OTHER --spawns FIRST=X,OTHER=X]
//        [--expect-kick TEXT] [--from 127.0.0.2] [--as-protocol 108]
//
// Default: queries the status (with ping), logs in, waits for Join Game,
// the position and the welcome line ("Welcome, NAME (UUID) from ADDR",
// with the offline UUID computed here, ADDR the --from address, 127.0.0.1
// by default), answers keep-alives
// (the library does) for --stay-ms, then sends a chat message and waits
// for its echo "<NAME> text".
//
// --network: through our proxy, whose backends are named FIRST and OTHER
// (lines start with "[name] "): the same, then "/server nowhere" (the
// proxy's refusal), "/server OTHER" (the other backend's welcome, its
// spawn x, its echo), and "/server FIRST" back (the first one's welcome,
// spawn and echo again).
//
// --as-protocol: log in announcing this protocol number while speaking
// --version's (108 with 1.9.2's data: minecraft-data has no 1.9.1 of its
// own, and 109 is wire-identical to 108); the status is then queried as
// --version, and must answer its protocol.
//
// --expect-kick: the login must be refused with exactly this text (a
// backend that only accepts players through its proxy).
//
// Prints what it checks; exits 0 when everything held, 1 otherwise. Every
// step has a deadline.
'use strict'

const net = require('net')
const mc = require('minecraft-protocol')
const { parseArgs, reporter, plain, offlineUuid, ChatLog, sleep, parseMap } = require('./common')

const opts = parseArgs(process.argv.slice(2), {
  port: Number,
  version: String,
  protocol: Number,
  motd: String,
  maxPlayers: Number,
  compression: Number,
  stayMs: Number,
  minKeepalives: Number,
  username: String,
  network: (v) => v.split(','),
  spawns: parseMap,
  expectKick: String,
  from: String,
  asProtocol: Number
}, { stayMs: 2500, minKeepalives: 2, username: 'NodeClient', version: '1.8.8', protocol: 47 })
const label = `nmp-client ${opts.asProtocol !== undefined ? `${opts.asProtocol} (${opts.version}'s data)` : `${opts.protocol} (${opts.version})`}${opts.network ? ' via proxy' : ''}`
const { fail, ok, pass } = reporter(label, 30000)
const host = '127.0.0.1'
const LINE_MS = 10000

async function status () {
  const s = await mc.ping({ host, port: opts.port, version: opts.version, closeTimeout: 5000 })
  const motd = plain(s.description)
  if (opts.motd !== undefined && motd !== opts.motd) fail(`status motd ${JSON.stringify(motd)}, expected ${JSON.stringify(opts.motd)}`)
  if (opts.maxPlayers !== undefined && s.players.max !== opts.maxPlayers) fail(`status max players ${s.players.max}, expected ${opts.maxPlayers}`)
  // Our server answers the protocol the client announced.
  const want = opts.asProtocol !== undefined ? require('minecraft-data')(opts.version).version.version : opts.protocol
  if (s.version.protocol !== want) fail(`status protocol ${s.version.protocol}, expected ${want}`)
  if (typeof s.latency !== 'number') fail('no ping latency')
  ok(`status: motd ${JSON.stringify(motd)}, ${s.players.online}/${s.players.max} players, version ${s.version.name} (${s.version.protocol}), ping ${s.latency} ms`)
}

// With --from, the connection leaves from that loopback address, so that
// a backend behind the proxy (which connects from 127.0.0.1) can only name
// it if the proxy forwarded it.
const from = opts.from || '127.0.0.1'
function connect () {
  const stream = opts.from ? net.connect({ host, port: opts.port, localAddress: opts.from }) : undefined
  const client = mc.createClient({ host, port: opts.port, username: opts.username, version: opts.version, auth: 'offline', hideErrors: true, stream })
  if (opts.asProtocol !== undefined) announce(client, opts.asProtocol)
  return client
}
// Rewrites the Handshake's protocol number (the packet is written once the
// socket connects, after this returns).
function announce (client, protocol) {
  const write = client.write.bind(client)
  client.write = (name, params) => write(name, name === 'set_protocol' ? Object.assign({}, params, { protocolVersion: protocol }) : params)
}

async function expectKick () {
  const client = connect()
  const reason = await new Promise((resolve) => {
    let kicked = null
    client.on('disconnect', (p) => { kicked = plain(p.reason) }) // login state
    client.on('kick_disconnect', (p) => { kicked = plain(p.reason) }) // play state
    client.on('login', () => fail('the login went through'))
    client.on('error', () => {})
    client.on('end', (why) => resolve(kicked === null ? `(no Disconnect; ${why})` : kicked))
  })
  if (reason !== opts.expectKick) fail(`disconnected with ${JSON.stringify(reason)}, expected ${JSON.stringify(opts.expectKick)}`)
  ok(`refused at login: ${JSON.stringify(reason)}`)
  pass()
}

async function play () {
  const client = connect()
  const name = opts.username
  const uuid = offlineUuid(name)
  const chat = new ChatLog()
  let compression = null
  let keepAlives = 0
  let lastX = null
  let done = false
  client.on('error', (e) => fail(`client error: ${e.message}`))
  client.on('end', (reason) => { if (!done) fail(`disconnected: ${reason}`) })
  client.on('kick_disconnect', (p) => fail(`kicked: ${plain(p.reason)}`))
  client.on('compress', (p) => { compression = p.threshold })
  client.on('keep_alive', () => { keepAlives++ })
  client.on('position', (p) => { lastX = p.x })
  client.on('chat', (p) => chat.push(plain(p.message)))
  const joined = new Promise((resolve) => client.once('login', resolve))
  const positioned = new Promise((resolve) => client.once('position', resolve))
  const join = await joined
  const pos = await positioned
  if (client.uuid !== uuid) fail(`Login Success gave UUID ${client.uuid}, the offline UUID of ${name} is ${uuid}`)
  const want = opts.compression === undefined || opts.compression < 0 ? null : opts.compression
  if (opts.compression !== undefined && compression !== want) fail(`compression threshold ${compression}, expected ${want}`)
  ok(`login: Join Game (entity ${join.entityId}, game mode ${join.gameMode}, level type ${join.levelType}), position ${pos.x} ${pos.y} ${pos.z}${pos.teleportId !== undefined ? ` (teleport id ${pos.teleportId})` : ''}; compression ${compression === null ? 'off' : compression}; UUID ${client.uuid}`)

  const prefix = (server) => server === undefined ? '' : `[${server}] `
  const first = opts.network ? opts.network[0] : undefined
  // Lines before `mark` belong to earlier steps.
  let mark = 0
  const line = async (text, what) => {
    const got = await chat.until((l) => l === text, what, LINE_MS, mark)
    mark = chat.lines.lastIndexOf(got) + 1
    return got
  }
  const welcome = async (server) => {
    const text = `${prefix(server)}Welcome, ${name} (${uuid}) from ${from}`
    ok(`welcome line: ${JSON.stringify(await line(text, JSON.stringify(text)))}`)
  }
  const echo = async (server, text) => {
    client.write('chat', { message: text })
    const want = `${prefix(server)}<${name}> ${text}`
    ok(`chat echoed: ${JSON.stringify(await line(want, JSON.stringify(want)))}`)
  }
  const spawnedAt = (server) => {
    if (!opts.spawns || opts.spawns[server] === undefined) return
    if (lastX !== opts.spawns[server]) fail(`${server}: position x ${lastX}, its spawn is x = ${opts.spawns[server]}`)
    ok(`${server}: spawned at its x = ${lastX}`)
  }

  await welcome(first)
  spawnedAt(first)
  // Stay a while: the server's keep-alives must be answered (by the client
  // library) without the server kicking us.
  await sleep(opts.stayMs)
  // Within 1.8's 100-character limit even with the "now on NAME: " prefix,
  // and above the smallest compression threshold (32 bytes).
  const text = `nmp ${opts.version} ${'é€😀'.repeat(5)} ${'x'.repeat(30)}`
  await echo(first, text)
  if (opts.network) {
    const [, other] = opts.network
    client.write('chat', { message: '/server nowhere' })
    ok(`proxy: ${JSON.stringify(await line('There is no server named nowhere', 'from the proxy about /server nowhere'))}`)
    for (const server of [other, first]) {
      client.write('chat', { message: `/server ${server}` })
      await welcome(server)
      spawnedAt(server)
      await echo(server, `now on ${server}: ${text}`)
    }
  }
  if (keepAlives < opts.minKeepalives) fail(`only ${keepAlives} keep-alive(s), expected at least ${opts.minKeepalives}`)
  ok(`${keepAlives} keep-alives received and answered, still connected`)
  done = true
  client.end('bye')
  pass()
}

async function main () {
  await status()
  if (opts.expectKick !== undefined) await expectKick()
  else await play()
}

main().catch((e) => fail(e.stack || String(e)))
