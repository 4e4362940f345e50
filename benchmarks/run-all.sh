#!/usr/bin/env bash
# Runs every benchmark and prints the tables of BENCHMARKS.md, with the
# machine and its load before and after. Extra arguments go to criterion,
# e.g.: bash benchmarks/run-all.sh --warm-up-time 1 --measurement-time 3
set -euo pipefail
cd "$(dirname "$0")"
echo "## Machine"
echo
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo "- rustc: $(rustc --version)"
echo "- load before: $(cut -d' ' -f1-3 /proc/loadavg)"
cargo bench --bench framing --bench packets --bench stream -- "$@" >&2
echo "- load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
cargo run --quiet --release --bin report
echo
echo "## Interleaved rounds"
echo
cargo run --quiet --release --bin interleaved
