#!/bin/sh
# Runs a libFuzzer target for a bounded time on a copy of its seed corpus, so new
# inputs go to the build folder and never into the source tree.
#
#   run-libfuzzer.sh TARGET SEED-FOLDER WORK-FOLDER SECONDS
set -eu
target=$1 seeds=$2 work=$3 seconds=$4
mkdir -p "$work"
exec "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=1048576 \
  -print_final_stats=1 "$work" "$seeds"
