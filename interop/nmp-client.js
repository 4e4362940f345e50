#!/usr/bin/env node
// Check 1: node-minecraft-protocol's client (1.8.8, offline) against our
// server. Queries the status (with ping), logs in, waits for Join Game and
// the position, answers keep-alives (node-minecraft-protocol does that
// itself) for a while, sends a chat message and waits for the server's echo.
//
//   node nmp-client.js --port N --motd TEXT --max-players N [--stay-ms N]
//
// Prints what it checks; exits 0 when everything held, 1 otherwise. Every
// step has a deadline.
'use strict'

const mc = require('minecraft-protocol')

const opts = { host: '127.0.0.1', stayMs: 2500, username: 'NodeClient' }
for (let i = 2; i < process.argv.length; i += 2) {
  const [k, v] = [process.argv[i], process.argv[i + 1]]
  if (k === '--port') opts.port = Number(v)
  else if (k === '--motd') opts.motd = v
  else if (k === '--max-players') opts.maxPlayers = Number(v)
  else if (k === '--stay-ms') opts.stayMs = Number(v)
  else if (k === '--username') opts.username = v
  else throw new Error(`unknown argument ${k}`)
}

const deadline = setTimeout(() => fail('timed out (20 s)'), 20000)
function fail (why) {
  console.log(`FAIL nmp-client: ${why}`)
  process.exit(1)
}
function ok (what) {
  console.log(`  ok  ${what}`)
}
function plain (json) {
  // A chat component as plain text (enough for our server's messages).
  const walk = (c) => typeof c === 'string' ? c : (c.text || '') + (c.extra || []).map(walk).join('')
  try { return walk(JSON.parse(json)) } catch { return json }
}

async function main () {
  // Status and ping (node-minecraft-protocol sends Status Request, then Ping).
  const status = await mc.ping({ host: opts.host, port: opts.port, version: '1.8.8', closeTimeout: 5000 })
  const motd = typeof status.description === 'string' ? status.description : plain(JSON.stringify(status.description))
  if (motd !== opts.motd) fail(`status motd ${JSON.stringify(motd)}, expected ${JSON.stringify(opts.motd)}`)
  if (status.players.max !== opts.maxPlayers) fail(`status max players ${status.players.max}, expected ${opts.maxPlayers}`)
  if (status.version.protocol !== 47) fail(`status protocol ${status.version.protocol}, expected 47`)
  if (typeof status.latency !== 'number') fail('no ping latency')
  ok(`status: motd ${JSON.stringify(motd)}, ${status.players.online}/${status.players.max} players, version ${status.version.name} (${status.version.protocol}), ping ${status.latency} ms`)

  const client = mc.createClient({
    host: opts.host,
    port: opts.port,
    username: opts.username,
    version: '1.8.8',
    auth: 'offline',
    hideErrors: true
  })
  const text = `hello from node-minecraft-protocol ${'é€😀'.repeat(5)} ${'x'.repeat(40)}`
  let joined = false
  let positioned = false
  let keepAlives = 0
  let compression = null
  client.on('error', (e) => fail(`client error: ${e.message}`))
  client.on('end', (reason) => { if (!done) fail(`disconnected: ${reason}`) })
  client.on('kick_disconnect', (p) => fail(`kicked: ${p.reason}`))
  client.on('compress', (p) => { compression = p.threshold })
  client.on('keep_alive', () => { keepAlives++ })
  let done = false
  await new Promise((resolve) => {
    client.on('login', (p) => {
      joined = true
      ok(`login: Join Game received (entity ${p.entityId}, game mode ${p.gameMode}, level type ${p.levelType}); compression ${compression === null ? 'off' : compression}`)
      if (positioned) resolve()
    })
    client.on('position', (p) => {
      positioned = true
      ok(`position received: ${p.x} ${p.y} ${p.z}`)
      if (joined) resolve()
    })
  })
  // Stay a while: the server's keep-alives must be answered (by the client
  // library) without the server kicking us.
  await new Promise((resolve) => setTimeout(resolve, opts.stayMs))
  const echoed = new Promise((resolve) => {
    client.on('chat', (p) => {
      const line = plain(p.message)
      if (line === `<${opts.username}> ${text}`) resolve(line)
    })
  })
  client.write('chat', { message: text })
  const line = await echoed
  ok(`chat echoed: ${JSON.stringify(line)}`)
  if (keepAlives < 2) fail(`only ${keepAlives} keep-alive(s) in ${opts.stayMs} ms`)
  ok(`${keepAlives} keep-alives received and answered, still connected`)
  done = true
  client.end('bye')
  clearTimeout(deadline)
  console.log('PASS nmp-client')
  setTimeout(() => process.exit(0), 100)
}

main().catch((e) => fail(e.stack || String(e)))
