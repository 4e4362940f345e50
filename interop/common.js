// Helpers shared by the live checks (nmp-client.js, nmp-server.js,
// mineflayer-bot.js): arguments, verdict lines, chat text, offline UUIDs,
// waiting for a chat line.
'use strict'

const crypto = require('crypto')

// --key value pairs into an object; `spec` maps each key to a parser
// (Number, String, or a function), and gives the defaults.
function parseArgs (argv, spec, defaults = {}) {
  const out = Object.assign({}, defaults)
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i]
    const name = k.replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase())
    if (!k.startsWith('--') || !(name in spec)) throw new Error(`unknown argument ${k}`)
    if (i + 1 >= argv.length) throw new Error(`${k} needs a value`)
    out[name] = spec[name](argv[i + 1])
  }
  return out
}

// One prefix for every line a script prints, so that parallel runs read
// apart in the log.
function reporter (label, limitMs) {
  const deadline = setTimeout(() => fail(`timed out (${limitMs / 1000} s)`), limitMs)
  function fail (why) {
    console.log(`FAIL ${label}: ${why}`)
    process.exit(1)
  }
  function ok (what) {
    console.log(`  ok  ${label}: ${what}`)
  }
  function pass (what) {
    clearTimeout(deadline)
    console.log(`PASS ${label}${what ? ': ' + what : ''}`)
    // Let the last writes (a client's goodbye) reach the socket.
    setTimeout(() => process.exit(0), 200)
  }
  return { fail, ok, pass }
}

// A chat component (JSON text or an object) as plain text.
function plain (json) {
  const walk = (c) => {
    if (typeof c === 'string') return c
    if (Array.isArray(c)) return c.map(walk).join('')
    if (!c || typeof c !== 'object') return ''
    return (c.text || '') + (c.extra || []).map(walk).join('')
  }
  if (typeof json !== 'string') return walk(json)
  try { return walk(JSON.parse(json)) } catch { return json }
}

// The offline-mode UUID of a player name: a version-3 (MD5, name-based)
// UUID of "OfflinePlayer:" + name, computed here from its definition
// (RFC 4122, section 4.3, without a namespace, as vanilla does it).
function offlineUuid (name) {
  const h = crypto.createHash('md5').update('OfflinePlayer:' + name, 'utf8').digest()
  h[6] = (h[6] & 0x0f) | 0x30
  h[8] = (h[8] & 0x3f) | 0x80
  const x = h.toString('hex')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`
}

// Keeps every chat line seen; `until(pred, what, ms)` resolves with the
// first line (seen before or after the call) that matches, and rejects
// after `ms`.
class ChatLog {
  constructor () {
    this.lines = []
    this.waiters = []
  }

  push (line) {
    this.lines.push(line)
    for (const w of this.waiters.slice()) {
      if (w.pred(line)) {
        this.waiters.splice(this.waiters.indexOf(w), 1)
        clearTimeout(w.timer)
        w.resolve(line)
      }
    }
  }

  // Lines from index `from` on are candidates (0: every line so far).
  until (pred, what, ms, from = 0) {
    const seen = this.lines.slice(from).find(pred)
    if (seen !== undefined) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const w = { pred, resolve }
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1)
        reject(new Error(`no chat line ${what} within ${ms / 1000} s; lines seen: ${JSON.stringify(this.lines.slice(-8))}`))
      }, ms)
      this.waiters.push(w)
    })
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// "lobby=0.5,games=1000.5" -> { lobby: 0.5, games: 1000.5 }
function parseMap (text) {
  const out = {}
  for (const part of text.split(',').filter(Boolean)) {
    const [k, v] = part.split('=')
    out[k] = Number(v)
  }
  return out
}

module.exports = { parseArgs, reporter, plain, offlineUuid, ChatLog, sleep, parseMap }
