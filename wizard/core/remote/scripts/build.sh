#!/bin/sh
# apply's build step: build the new .cf from the new .mc into the journal, refuse it when
# m4 fails or says anything it does not say about the current .mc, and let sendmail
# itself parse it (cf_build, cf_check).
# sh -c BUILD build JOURNAL_ID MC_INDEX CF_INDEX M4_COMMAND...
# lib: cf_build cf_check
set -eu
J=/var/lib/relay-wizard/journal/$1; mci=$2; cfi=$3; shift 3
mc=$(awk -F'\t' -v i="$mci" '$1==i {print $5}' "$J/manifest")
dir=$(dirname -- "$mc")
cd "$dir"
tmp=$(mktemp -- "$dir/.sendmail.mc.rw-XXXXXX")
trap 'rm -f -- "$tmp"' EXIT
cat -- "$J/new/$mci" > "$tmp"
failed() { echo build-failed > "$J/state"; exit "$1"; }
cf_build lenient "$tmp" "$J/new/$cfi.part" "$J/m4.err" "$@" || failed 4
if [ -s "$J/m4.err" ]; then
  # What m4 also says about the .mc in place is the admin's, not this change's (Fedora's
  # own default .mc draws "FEATURE(blacklist_recipients) is deprecated" from sendmail
  # 8.17's macros): only a complaint the new .mc adds refuses it. m4's "m4:FILE:LINE: "
  # prefix differs between the two files and is left out of the comparison.
  existed=$(awk -F'\t' -v i="$mci" '$1==i {print $2}' "$J/manifest")
  if [ "$existed" = 1 ]; then "$@" "$J/files/$mci" > /dev/null 2> "$J/m4.before" || true
  else : > "$J/m4.before"; fi
  for f in before err; do
    sed 's/^m4:[^:]*:[0-9]*: //' "$J/m4.$f" | LC_ALL=C sort -u > "$J/m4.$f.lines"
  done
  LC_ALL=C comm -13 "$J/m4.before.lines" "$J/m4.err.lines" > "$J/m4.new"
  if [ -s "$J/m4.new" ]; then
    echo "m4 complains about the new sendmail.mc:" >&2
    head -c 2000 "$J/m4.new" >&2; failed 4
  fi
  echo "m4 says about the new sendmail.mc only what it says about the current one:"
  head -c 1000 "$J/m4.err"
fi
rc=0; cf_check "$J/new/$cfi.part" "$J/check.err" || rc=$?
[ "$rc" -eq 0 ] || failed "$rc"
mv -- "$J/new/$cfi.part" "$J/new/$cfi"
echo built > "$J/state"
