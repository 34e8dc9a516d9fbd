#!/bin/bash
# check-single-instance.sh: a second `jindu` hands its command line to the first and leaves.
#
# Under its own session bus (dbus-run-session) and the display the suite runs on: the first
# instance opens a ledger; a second, started with another section, must exit 0 within seconds
# while the first keeps running, so one process shows the window. Exit 77 (skip) without
# dbus-run-session or a display.
set -u
[ -n "${DISPLAY:-}" ] && command -v dbus-run-session >/dev/null || exit 77
if [ "${1:-}" != --inside ]; then
  exec dbus-run-session -- "$0" --inside
fi

dir=$(mktemp -d)
trap 'kill "$first" 2>/dev/null; wait "$first" 2>/dev/null; rm -rf "$dir"' EXIT
export GSETTINGS_BACKEND=memory XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config"
"$JINDU" demo --db "$dir/ledger.db" >/dev/null || exit 1

"$JINDU" --db "$dir/ledger.db" --section todo >"$dir/first.log" 2>&1 &
first=$!
# The first owns the application's name on the bus once it has started.
for _ in $(seq 50); do
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner io.github.jindu.Ledger 2>/dev/null | grep -q true && break
  sleep 0.2
done

start=$(date +%s)
timeout 20 "$JINDU" --db "$dir/ledger.db" --section dashboard >"$dir/second.log" 2>&1
status=$?
if [ $status -ne 0 ]; then
  echo "the second instance exited $status:"; cat "$dir/second.log"; exit 1
fi
if ! kill -0 "$first" 2>/dev/null; then
  echo "the first instance is gone:"; cat "$dir/first.log"; exit 1
fi
echo "the second instance handed over and left after $(( $(date +%s) - start )) s; the first runs on"
