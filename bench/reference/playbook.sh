#!/bin/bash
# Run the Ansible reference, then the same final SMTP check as the physical limit.
# Usage: playbook.sh HOST PORT KEY KNOWN_HOSTS hup|init SMTP_PORT < password
set -euo pipefail
host=$1 port=$2 key=$3 known=$4 mode=$5 smtp_port=${6:-25}
here=$(cd "$(dirname "$0")" && pwd)
IFS= read -r pw
bin=$(dirname "${PYTHON:-python3}")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
: > "$work/ansible.cfg"  # default settings, whatever ansible.cfg lies around
cat > "$work/inventory.ini" <<INV
[mail]
server ansible_host=$host ansible_port=$port ansible_user=root ansible_ssh_private_key_file=$key ansible_python_interpreter=/usr/bin/python3 ansible_ssh_common_args='-o UserKnownHostsFile=$known -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'
INV
export ANSIBLE_LOCAL_TEMP=$work/tmp ANSIBLE_HOME=$work/home ANSIBLE_NOCOLOR=1 \
  ANSIBLE_CONFIG=$work/ansible.cfg ANSIBLE_RETRY_FILES_ENABLED=0 BENCH_SASL_PW=$pw
rc=0
"$bin/ansible-playbook" -i "$work/inventory.ini" -e "restart=$mode" "$here/playbook.yml" > "$work/log" 2>&1 || rc=$?
[ -z "${BENCH_ANSIBLE_LOG:-}" ] || cp "$work/log" "$BENCH_ANSIBLE_LOG"
[ "$rc" = 0 ] || { cat "$work/log" >&2; exit 1; }
unset BENCH_SASL_PW
printf '%s\n' "$pw" | "${PYTHON:-python3}" "$here/smtp_check.py" "$host" "$smtp_port" benchuser
