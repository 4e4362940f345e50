#!/usr/bin/env bash
# Runs fuzz targets one after another (default: all four, 10 minutes each)
# on stable Rust, keeping the growing corpora and any crash outside the
# repository. Usage: fuzz/run.sh [SECONDS] [TARGET...]
#   WORK=/path/to/workdir (default: $TMPDIR/mcproto-fuzz)
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(frame decode_packet wire_types round_trip)
work=${WORK:-${TMPDIR:-/tmp}/mcproto-fuzz}
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  mkdir -p "$work/corpus/$t"
  # The committed corpus seeds the run; new inputs go to $work only.
  cargo fuzz run -O -a "$t" "$work/corpus/$t" "corpus/$t" -- \
    -max_total_time="$secs" -timeout=5 -malloc_limit_mb=64 -print_final_stats=1 \
    -artifact_prefix="$work/$t-" 2>&1 | tee "$work/$t.log" | grep -E "^(Done|stat::)|panicked|SUMMARY" || true
done
