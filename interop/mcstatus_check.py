"""Check 3: mcstatus (an independent Python client) against our server.

    python mcstatus_check.py --port N --motd TEXT --max-players N \
        --online N [--sample NAME] --version-name NAME --protocol N

status() (Status Request), ping() (a Ping without a Status Request, which
vanilla answers too) and the legacy 0xFE ping must succeed, and the values
mcstatus reads must equal what the server was configured with. Exits 0 when
everything held, 1 otherwise.
"""

import argparse
import sys

from mcstatus import JavaServer, LegacyServer


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--motd", required=True)
    ap.add_argument("--max-players", type=int, required=True)
    ap.add_argument("--online", type=int, required=True)
    ap.add_argument("--sample", action="append", default=[])
    ap.add_argument("--version-name", required=True)
    ap.add_argument("--protocol", type=int, required=True)
    a = ap.parse_args()

    problems = []

    def expect(what, got, want):
        if got != want:
            problems.append(f"{what}: got {got!r}, expected {want!r}")
        else:
            print(f"  ok  {what}: {got!r}")

    # tries=1: a failure must not be hidden by mcstatus's retries.
    server = JavaServer("127.0.0.1", a.port, timeout=5)
    status = server.status(tries=1)
    expect("motd", status.motd.to_plain(), a.motd)
    expect("raw description", status.raw.get("description"), {"text": a.motd})
    expect("max players", status.players.max, a.max_players)
    expect("online players", status.players.online, a.online)
    names = sorted(p.name for p in (status.players.sample or []))
    expect("player sample", names, sorted(a.sample))
    expect("version name", status.version.name, a.version_name)
    expect("protocol", status.version.protocol, a.protocol)
    print(f"  ok  status latency {status.latency:.1f} ms")

    latency = server.ping(tries=1)
    if not latency >= 0:
        problems.append(f"ping latency {latency!r}")
    else:
        print(f"  ok  ping without a status request: {latency:.1f} ms")

    legacy = LegacyServer("127.0.0.1", a.port, timeout=5).status(tries=1)
    expect("legacy ping motd", legacy.motd.to_plain(), a.motd)
    expect("legacy ping max players", legacy.players.max, a.max_players)
    expect("legacy ping online players", legacy.players.online, a.online)
    expect("legacy ping protocol", legacy.version.protocol, 127)

    if problems:
        for p in problems:
            print(f"FAIL mcstatus: {p}")
        return 1
    print("PASS mcstatus")
    return 0


if __name__ == "__main__":
    sys.exit(main())
