#!/bin/sh
# apply's build step for Postfix (wizard.core.mta.postfix.plan): make the plan's edits
# with Postfix's own editor (postconf -e/-M/-P, postconf_edits) on copies of main.cf and
# master.cf in the journal, refuse when the result is not byte for byte what the plan
# showed (the journal's new/N, staged by stage.sh) or when "postfix check" refuses it.
# Nothing is installed here: install.sh installs the staged files once this passed.
# sh -c BUILD postfix-build JOURNAL_ID CONFIG_DIR MAIN_INDEX MASTER_INDEX; stdin: the
# edits, one per line. An index is 0 for a file the plan leaves as it is.
# lib: postconf_edits
set -eu
J=/var/lib/relay-wizard/journal/$1; cfg=$2; mi=$3; si=$4
D=$J/build
failed() { echo build-failed > "$J/state"; exit "$1"; }
rm -rf -- "$D"; mkdir -p -- "$D"
for pair in "main.cf $mi" "master.cf $si"; do
  f=${pair% *}; i=${pair#* }
  if [ "$i" = 0 ]; then cp -- "$cfg/$f" "$D/$f"; else
    cp -- "$J/files/$i" "$D/$f"
    # postconf would glue what it appends to a last line without its line break
    if [ -s "$D/$f" ] && [ -n "$(tail -c 1 -- "$D/$f")" ]; then echo >> "$D/$f"; fi
  fi
done
cp -- "$D/main.cf" "$D/main.cf.before"; cp -- "$D/master.cf" "$D/master.cf.before"
postconf_edits "$D" || failed 4
for pair in "main.cf $mi" "master.cf $si"; do
  f=${pair% *}; i=${pair#* }
  if [ "$i" = 0 ]; then want=$D/$f.before; else want=$J/new/$i; fi
  if ! cmp -s -- "$want" "$D/$f"; then
    echo "postconf's $f is not the one the plan showed:" >&2
    diff -u -- "$want" "$D/$f" 2>&1 | head -c 2000 >&2 || true
    failed 4
  fi
done
if ! postfix -c "$D" check > "$J/check.err" 2>&1; then
  echo "postfix check refuses the new configuration:" >&2
  head -c 2000 "$J/check.err" >&2; failed 5
fi
echo "postconf made exactly the planned files; postfix check accepts them"
echo built > "$J/state"
