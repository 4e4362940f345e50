#!/usr/bin/env bash
# Instructions per packet of each receiving and sending path, counted by
# callgrind (valgrind): a run of PASSES passes over the 1 000 inputs of a
# packet, minus a run of none (the setup), divided by the packets. The
# counts are the same on every run of the same binary, where criterion's
# times move with the machine; they are not times (a cache miss or a
# mispredicted branch costs far more than an instruction).
#
#   bash benchmarks/instructions.sh            # every row
#   bash benchmarks/instructions.sh handler    # the rows of one path
set -euo pipefail
cd "$(dirname "$0")"
command -v valgrind >/dev/null || { echo "valgrind is needed (apt install valgrind)" >&2; exit 2; }
cargo build --quiet --release --bin instructions
bin=${CARGO_TARGET_DIR:-target}/release/instructions
passes=${PASSES:-20}
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 |
        awk '/Collected/ { print $4 }'
}
echo "| path | packet | instructions per packet |"
echo "|---|---|---:|"
"$bin" --list | while read -r path packet; do
    if [ -n "${1:-}" ] && [ "$1" != "$path" ]; then continue; fi
    setup=$(count "$path" "$packet" 0)
    total=$(count "$path" "$packet" "$passes")
    awk -v a="$setup" -v b="$total" -v n=$((passes * 1000)) -v p="$path" -v k="$packet" \
        'BEGIN { printf "| %s | %s | %.1f |\n", p, k, (b - a) / n }'
done
