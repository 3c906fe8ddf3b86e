#!/bin/sh
# apply's stage step (wizard.core.change.steps.stage): back up every file the apply will touch, store
# the new contents next to them, in a new journal.
# sh -c STAGE stage JOURNAL_ID EXPECT MC CF PATH...; stdin: one line per path, base64 of
# the new content or "-" for a file that is produced later (the .cf, a certificate's copy);
# base64 may be followed by a space and the octal mode a NEW file gets (kept in the
# journal's `modes` for install.sh; a file that exists keeps its own). MC and CF: where
# this host keeps its .mc and .cf (wizard.core.mta.sendmail.layout), kept in the journal's `paths`
# for the rollback; for Postfix, MC is "mta:postfix" and CF its config folder (`paths`
# then says "mta postfix": the rollback reloads Postfix instead of sendmail).
set -eu
umask 077
root=/var/lib/relay-wizard; J=$root/journal/$1; expect=$2; mc=$3; cf=$4; shift 4
# expect: one "PATH=SHA256" per line, the files as the plan read them ("empty" for a file
# that was empty or absent), or "-": a file changed since then refuses the plan.
if [ "$expect" != - ]; then
  while IFS= read -r pair; do
    [ -n "$pair" ] || continue
    f=${pair%=*}; want=${pair##*=}
    if [ -e "$f" ]; then have=$(sha256sum < "$f" | cut -d' ' -f1); else have=absent; fi
    if [ "$want" = empty ]; then
      case $have in absent|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855) have=empty ;; esac
    fi
    if [ "$have" != "$want" ]; then
      echo "$f changed on the server since the plan was made: plan again" >&2; exit 7
    fi
  done <<EXPECT
$expect
EXPECT
fi
mkdir -p "$root/journal"; chmod 700 "$root"
if [ -e "$J" ]; then echo "the journal $J exists already" >&2; exit 3; fi
mkdir -p "$J/files" "$J/new"
case $mc in
  # a Postfix apply (wizard.core.mta.postfix.plan): MC is "mta:postfix", CF its config folder
  mta:*) printf 'mta\t%s\nconfig\t%s\n' "${mc#mta:}" "$cf" > "$J/paths" ;;
  *) printf 'mc\t%s\ncf\t%s\n' "$mc" "$cf" > "$J/paths" ;;
esac
i=0; : > "$J/manifest.part"; : > "$J/modes"
for p in "$@"; do
  i=$((i+1))
  real=$(readlink -f -- "$p" 2>/dev/null || printf '%s' "$p")
  if [ -e "$real" ]; then
    cp -p -- "$real" "$J/files/$i"; existed=1
    before=$(sha256sum < "$real" | cut -d' ' -f1)
  else existed=0; before=-; fi
  IFS= read -r line || line=-
  case $line in
    *' '*) mode=${line#* }; line=${line%% *}
           case $mode in [0-7][0-7][0-7]|[0-7][0-7][0-7][0-7]) printf '%s\t%s\n' "$i" "$mode" >> "$J/modes" ;;
             *) echo "not a file mode: $mode" >&2; exit 3 ;; esac ;;
  esac
  if [ "$line" = - ]; then new=-
  else printf '%s' "$line" | base64 -d > "$J/new/$i"; new=$(sha256sum < "$J/new/$i" | cut -d' ' -f1); fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$i" "$existed" "$before" "$new" "$real" >> "$J/manifest.part"
done
mv -- "$J/manifest.part" "$J/manifest"
echo staged > "$J/state"
