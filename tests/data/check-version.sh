#!/bin/bash
# The version, said the same everywhere (the `data` suite):
#   check-version.sh VERSION METAINFO.xml.in CHANGELOG MANPAGE
# `jindu --version` prints VERSION (meson's project version), the metainfo has a release entry
# for it, the Debian changelog's newest entry is it, and the manual page names it.
set -uo pipefail
version=$1 metainfo=$2 changelog=$3 manpage=$4

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

said=$("$JINDU" --version) || fail "jindu --version exited $?"
[ "$said" = "jindu $version" ] || fail "jindu --version says “$said”, expected “jindu $version”"
grep -q "<release version=\"$version\"" "$metainfo" || fail "$metainfo has no release $version"
newest=$(sed -n '1s/^jindu (\([^)]*\)).*/\1/p' "$changelog")
[ "$newest" = "$version" ] || fail "$changelog's newest entry is $newest, not $version"
grep -q "\"jindu $version\"" "$manpage" || fail "$manpage does not name jindu $version"
echo "ok: jindu $version"
