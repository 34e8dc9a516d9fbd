#!/bin/bash
# Checks of the files we ship beside the program (the `data` test suite, tests/meson.build).
#
#   check-data.sh desktop FILE.desktop         desktop-file-validate, and the Chinese name is there
#   check-data.sh metainfo FILE.metainfo.xml   appstream-util validate-relax --nonet, Chinese name
#   check-data.sh schemas SOURCE_DATA_DIR      glib-compile-schemas --strict --dry-run
#   check-data.sh schema-defaults              the compiled schema (GSETTINGS_SCHEMA_DIR) has the
#                                              keys and defaults the program relies on
#   check-data.sh po FILE.po                   msgfmt -c --statistics: no untranslated, no fuzzy
#   check-data.sh po-covers-sources ROOT       every string marked in the files of POTFILES.in
#                                              has a translation in each po/LANG.po
#   check-data.sh potfiles ROOT                every file under src/ and ui/ that marks strings
#                                              is listed in po/POTFILES.in, and every listed
#                                              file exists
#   check-data.sh help-po-covers-pages ROOT    every paragraph of help/C/*.page has a
#                                              translation in each help/LANG/LANG.po
#   check-data.sh help DIR...                  yelp-check validate on the Mallard pages in DIR
#   check-data.sh help-translated DIR          the built Chinese pages are in Chinese
set -uo pipefail
export LC_ALL=C.UTF-8

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

# The keywords of meson's i18n 'glib' preset (po/meson.build), so this check sees what
# `meson compile jindu-pot` sees.
xgettext_glib () {
  xgettext --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_set_error:4:c-format \
    --flag=g_strdup_printf:1:c-format --flag=g_printerr:1:c-format \
    "$@"
}

# Print the entries of PO that are untranslated or fuzzy, and return 1 when there are any.
report_untranslated () {
  local po=$1 what=$2 untranslated fuzzy
  untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$po")
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$po")
  if [ -n "$untranslated" ] || [ -n "$fuzzy" ]; then
    echo "$what: untranslated entries:" >&2
    printf '%s\n' "$untranslated" | grep -E '^(msgctxt|msgid)' | grep -v '^msgid ""$' >&2
    echo "$what: fuzzy entries:" >&2
    printf '%s\n' "$fuzzy" | grep -E '^(msgctxt|msgid)' | grep -v '^msgid ""$' >&2
    echo "Run build-aux/update-translations and translate these entries." >&2
    return 1
  fi
  return 0
}

mode=${1:-}
shift || true

case $mode in
  desktop)
    file=$1
    desktop-file-validate "$file" || fail "desktop-file-validate $file"
    grep -qx 'Name=Jindu Ledger' "$file" || fail "$file: no Name=Jindu Ledger"
    grep -qx 'Name\[zh_CN\]=禁毒台账' "$file" \
      || fail "$file: the Chinese name (Name[zh_CN]=禁毒台账) was not merged from po/zh_CN.po"
    grep -qx 'Exec=jindu' "$file" || fail "$file: Exec is not jindu"
    grep -qx 'Icon=io.github.jindu.Ledger' "$file" || fail "$file: Icon is not the application id"
    echo "ok: $file"
    ;;

  metainfo)
    file=$1
    appstream-util validate-relax --nonet "$file" || fail "appstream-util validate-relax $file"
    grep -q '<name xml:lang="zh_CN">禁毒台账</name>' "$file" \
      || fail "$file: the Chinese name was not merged from po/zh_CN.po"
    grep -q '<release version="0.1.0" date="2026-11-22"' "$file" \
      || fail "$file: no release 0.1.0"
    echo "ok: $file"
    ;;

  schemas)
    dir=$1
    glib-compile-schemas --strict --dry-run "$dir" || fail "glib-compile-schemas --strict $dir"
    echo "ok: $dir"
    ;;

  schema-defaults)
    [ -n "${GSETTINGS_SCHEMA_DIR:-}" ] || fail "GSETTINGS_SCHEMA_DIR is not set"
    export GSETTINGS_BACKEND=memory
    status=0
    # key, default: the defaults of docs/contract.md §4 (talks and urine tests every two calendar
    # months, home visits every month) and of the window.
    while read -r key want; do
      got=$(gsettings get io.github.jindu.Ledger "$key" 2>&1)
      if [ "$got" != "$want" ]; then
        echo "FAIL: io.github.jindu.Ledger $key is $got, expected $want" >&2
        status=1
      fi
    done <<'EOF'
window-width 1200
window-height 800
window-maximized false
last-section 'todo'
mask-personal-data true
urine-schedule 'interval'
talk-interval-months 2
urine-interval-months 2
visit-interval-months 1
backups-kept 10
EOF
    # urine-schedule takes exactly the two schedules
    range=$(gsettings range io.github.jindu.Ledger urine-schedule | tr '\n' ' ')
    [ "$range" = "enum 'interval' 'statutory' " ] || {
      echo "FAIL: urine-schedule accepts $range" >&2
      status=1
    }
    [ $status -eq 0 ] && echo "ok: schema defaults in $GSETTINGS_SCHEMA_DIR"
    exit $status
    ;;

  po)
    po=$1
    stats=$(msgfmt -c --statistics -o /dev/null "$po" 2>&1) || fail "msgfmt -c $po: $stats"
    echo "$po: $stats"
    report_untranslated "$po" "$po" || fail "$po is not fully translated"
    grep -q '^"Plural-Forms: nplurals=1; plural=0;\\n"' "$po" \
      || fail "$po: Plural-Forms is not nplurals=1; plural=0;"
    ;;

  po-covers-sources)
    root=$1
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    cd "$root" || fail "no $root"
    xgettext_glib --package-name=jindu -f po/POTFILES.in -o "$tmp/jindu.pot" \
      || fail "xgettext failed on the files of po/POTFILES.in"
    status=0
    for lang in $(grep -v '^#' po/LINGUAS); do
      msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "po/$lang.po" "$tmp/jindu.pot" \
        || fail "msgmerge po/$lang.po"
      report_untranslated "$tmp/$lang.po" "po/$lang.po against the sources" || status=1
    done
    [ $status -eq 0 ] || fail "strings in the sources lack a translation"
    echo "ok: every string of po/POTFILES.in is translated"
    ;;

  potfiles)
    root=$1
    cd "$root" || fail "no $root"
    listed=$(grep -v '^[[:space:]]*#' po/POTFILES.in | grep -v '^[[:space:]]*$' | sort -u)
    wanted=$(build-aux/potfiles . | sort -u)
    missing=$(comm -13 <(printf '%s\n' "$listed") <(printf '%s\n' "$wanted"))
    status=0
    if [ -n "$missing" ]; then
      echo "FAIL: these files mark strings for translation but are not in po/POTFILES.in:" >&2
      printf '  %s\n' $missing >&2
      echo "Run build-aux/update-translations (it rewrites po/POTFILES.in)." >&2
      status=1
    fi
    for f in $listed; do
      if [ ! -f "$f" ]; then
        echo "FAIL: po/POTFILES.in lists $f, which does not exist" >&2
        status=1
      fi
    done
    [ $status -eq 0 ] && echo "ok: po/POTFILES.in lists all $(printf '%s\n' "$wanted" | wc -l) files"
    exit $status
    ;;

  help-po-covers-pages)
    root=$1
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    cd "$root" || fail "no $root"
    itstool -o "$tmp/help.pot" help/C/*.page || fail "itstool failed on help/C"
    status=0
    for lang in $(grep -v '^#' help/LINGUAS); do
      msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "help/$lang/$lang.po" "$tmp/help.pot" \
        || fail "msgmerge help/$lang/$lang.po"
      report_untranslated "$tmp/$lang.po" "help/$lang/$lang.po against help/C" || status=1
    done
    [ $status -eq 0 ] || fail "paragraphs of the help lack a translation"
    echo "ok: every paragraph of help/C is translated"
    ;;

  help)
    status=0
    for dir in "$@"; do
      pages=("$dir"/*.page)
      [ -f "${pages[0]}" ] || fail "no Mallard pages in $dir"
      yelp-check validate "${pages[@]}" || status=1
      (cd "$dir" && yelp-check links . && yelp-check ids .) || status=1
    done
    [ $status -eq 0 ] || fail "the help pages do not validate"
    echo "ok: $*"
    ;;

  help-translated)
    dir=$1
    grep -q '<title>禁毒台账</title>' "$dir/index.page" \
      || fail "$dir/index.page: the title is not translated"
    grep -q '<title>快速入门</title>' "$dir/getting-started.page" \
      || fail "$dir/getting-started.page: the title is not translated"
    echo "ok: $dir"
    ;;

  *)
    echo "usage: $0 desktop|metainfo|schemas|schema-defaults|po|po-covers-sources|potfiles|help-po-covers-pages|help|help-translated ARGS" >&2
    exit 2
    ;;
esac
