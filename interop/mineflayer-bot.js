#!/usr/bin/env node
// A mineflayer bot (offline) on our server or our proxy, in the game
// version given.
//
//   node mineflayer-bot.js --port N --version 1.12.2 [--username NAME]
//        [--spawn-x X --spawn-z Z]
//        [--network FIRST,OTHER --spawns FIRST=X,OTHER=X]
//        [--expect-kick TEXT] [--from 127.0.0.2] [--as-protocol 108]
//
// Default: the bot spawns (mineflayer waits for Update Health), must stand
// at the spawn on the flat world's ground (y = 4, grass below, dirt and
// bedrock under it: the chunk data as mineflayer reads it), walks forward
// for a second (its own physics on our chunks), and must have moved at
// least a block and still stand on the ground at y = 4. Then it chats and
// waits for the echo "<NAME> text"; the welcome line must name the offline
// UUID computed here and the --from address (127.0.0.1 by default), which
// the connection leaves from.
//
// --network: through our proxy (lines start with "[name] "): the same on
// FIRST, then "/server OTHER" (its welcome, the bot re-spawned at its
// spawn x on its ground, its echo) and "/server FIRST" back.
//
// --as-protocol: announce this protocol number in the Handshake while
// speaking --version's (see nmp-client.js).
//
// --expect-kick: the login must be refused with exactly this text.
//
// Exits 0 when everything held, 1 otherwise. Every step has a deadline.
'use strict'

const net = require('net')
const mineflayer = require('mineflayer')
const { parseArgs, reporter, plain, offlineUuid, ChatLog, sleep, parseMap } = require('./common')

const opts = parseArgs(process.argv.slice(2), {
  port: Number,
  version: String,
  username: String,
  spawnX: Number,
  spawnZ: Number,
  network: (v) => v.split(','),
  spawns: parseMap,
  expectKick: String,
  from: String,
  asProtocol: Number
}, { username: 'Flayer', version: '1.12.2', spawnX: 0.5, spawnZ: 0.5 })
const dataProtocol = require('minecraft-data')(opts.version).version.version
const label = `mineflayer ${opts.asProtocol !== undefined ? `${opts.asProtocol} (${opts.version}'s data)` : `${dataProtocol} (${opts.version})`}${opts.network ? ' via proxy' : ''}`
const { fail, ok, pass } = reporter(label, 45000)
const LINE_MS = 10000
const GROUND = 4

// With --from, the connection leaves from that loopback address (see
// nmp-client.js).
const from = opts.from || '127.0.0.1'
const bot = mineflayer.createBot({
  host: '127.0.0.1',
  port: opts.port,
  stream: opts.from ? net.connect({ host: '127.0.0.1', port: opts.port, localAddress: opts.from }) : undefined,
  username: opts.username,
  version: opts.version,
  auth: 'offline',
  hideErrors: true,
  // Nothing but what the checks need: no inventory clicks, no physics
  // before the first position.
  physicsEnabled: true
})

if (opts.asProtocol !== undefined) {
  // The Handshake is written once the socket connects, after this runs.
  const write = bot._client.write.bind(bot._client)
  bot._client.write = (name, params) => write(name, name === 'set_protocol' ? Object.assign({}, params, { protocolVersion: opts.asProtocol }) : params)
}
let done = false
const chat = new ChatLog()
bot.on('messagestr', (text) => chat.push(text))
bot.on('error', (e) => fail(`bot error: ${e.message}`))

function refused () {
  let kicked = null
  bot.on('kicked', (reason) => { kicked = plain(reason) })
  bot.on('spawn', () => fail('the login went through'))
  bot.on('end', (why) => {
    const reason = kicked === null ? `(not kicked; ${why})` : kicked
    if (reason !== opts.expectKick) fail(`disconnected with ${JSON.stringify(reason)}, expected ${JSON.stringify(opts.expectKick)}`)
    ok(`refused at login (mineflayer's 'kicked'): ${JSON.stringify(reason)}`)
    pass()
  })
}

// Resolves once the bot has spawned (again, after a move between backends).
const nextSpawn = () => new Promise((resolve) => bot.once('spawn', resolve))

// Waits until the block under the bot is loaded and the bot has landed.
async function grounded (what) {
  for (let i = 0; i < 100; i++) {
    const below = bot.blockAt(bot.entity.position.offset(0, -1, 0))
    if (below && bot.entity.onGround) return below
    await sleep(50)
  }
  fail(`${what}: no ground under the bot at ${bot.entity.position} (chunk ${bot.blockAt(bot.entity.position) ? 'loaded' : 'not loaded'})`)
}

// The flat world's layers as mineflayer decoded them from our chunks.
function checkColumn (what) {
  const p = bot.entity.position.floored()
  const names = [0, 1, 2, 3, 4].map((y) => bot.blockAt(p.offset(0, y - p.y, 0))?.name)
  const want = ['bedrock', 'dirt', 'dirt', 'grass', 'air']
  if (names.join() !== want.join()) fail(`${what}: blocks y = 0..4 under the bot are ${names.join(', ')}, expected ${want.join(', ')}`)
  return names
}

async function standsAt (what, x, z) {
  await grounded(what)
  const p = bot.entity.position
  if (Math.abs(p.x - x) > 1e-9 || Math.abs(p.z - z) > 1e-9 || Math.abs(p.y - GROUND) > 1e-9) {
    fail(`${what}: at ${p}, expected (${x}, ${GROUND}, ${z})`)
  }
  const column = checkColumn(what)
  ok(`${what}: standing at ${p} on ${column.slice(0, 4).reverse().join(' / ')}`)
}

async function walk (what) {
  const p0 = bot.entity.position.clone()
  bot.setControlState('forward', true)
  await sleep(1000)
  bot.setControlState('forward', false)
  await sleep(500) // come to rest
  const p1 = bot.entity.position
  const moved = Math.hypot(p1.x - p0.x, p1.z - p0.z)
  if (moved < 1) fail(`${what}: walked ${moved.toFixed(2)} blocks in a second (from ${p0} to ${p1})`)
  if (Math.abs(p1.y - GROUND) > 1e-9 || !bot.entity.onGround) fail(`${what}: after walking, at y = ${p1.y}, on ground: ${bot.entity.onGround}`)
  checkColumn(`${what} after walking`)
  ok(`${what}: walked ${moved.toFixed(2)} blocks in a second, from ${p0} to ${p1}, still on the ground`)
}

async function main () {
  if (opts.expectKick !== undefined) return refused()
  bot.on('kicked', (reason) => fail(`kicked: ${plain(reason)}`))
  bot.on('end', (why) => { if (!done) fail(`disconnected: ${why}`) })
  await nextSpawn()
  const name = opts.username
  const uuid = offlineUuid(name)
  const first = opts.network ? opts.network[0] : undefined
  const prefix = (server) => server === undefined ? '' : `[${server}] `
  const spawnX = (server) => opts.spawns && server !== undefined ? opts.spawns[server] : opts.spawnX
  let mark = 0
  const line = async (text) => {
    const got = await chat.until((l) => l === text, JSON.stringify(text), LINE_MS, mark)
    mark = chat.lines.lastIndexOf(got) + 1
    return got
  }
  const welcome = async (server) => {
    ok(`welcome line: ${JSON.stringify(await line(`${prefix(server)}Welcome, ${name} (${uuid}) from ${from}`))}`)
  }
  const echo = async (server, text) => {
    bot.chat(text)
    ok(`chat echoed: ${JSON.stringify(await line(`${prefix(server)}<${name}> ${text}`))}`)
  }
  ok(`spawned (protocol ${bot.protocolVersion}, game mode ${bot.game.gameMode}, level type ${bot.game.levelType})`)
  await welcome(first)
  await standsAt(first || 'spawn', spawnX(first), opts.spawnZ)
  await walk(first || 'spawn')
  const text = `mineflayer ${opts.version} ${'é€😀'.repeat(3)}`
  await echo(first, text)
  if (opts.network) {
    for (const server of [opts.network[1], first]) {
      const spawned = nextSpawn()
      bot.chat(`/server ${server}`)
      await welcome(server)
      await spawned
      await standsAt(server, spawnX(server), opts.spawnZ)
      await echo(server, `on ${server}: ${text}`)
    }
  }
  done = true
  bot.quit()
  pass()
}

main().catch((e) => fail(e.stack || String(e)))
