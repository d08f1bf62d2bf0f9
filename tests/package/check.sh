#!/usr/bin/env bash
# Installs a mamori .deb (make package) on this machine, tries it as a user
# would, and removes it again (purge: nothing left behind). Run by .ci/run
# as root; it changes the system, so it is not a ctest.
#   - mamori version, man -w mamori, the bash completion
#   - a scan of the installed samples with the installed rules finds the
#     demo's planted leaks (exit 1) and the report passes check-findings
#   - the systemd units are where systemd looks for them
# Usage: tests/package/check.sh DEB
set -euo pipefail
deb=$(realpath "${1:?usage: tests/package/check.sh DEB}")
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
  echo "tests/package/check.sh: needs root (dpkg -i)" >&2
  exit 2
fi
if [[ $(dpkg-query -W -f='${Status}' mamori 2>/dev/null) == *installed* ]]; then
  echo "tests/package/check.sh: a mamori package is installed already; not touching it" >&2
  exit 2
fi
scratch=$(mktemp -d)
cleanup() {
  dpkg -P mamori >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb"
# From a neutral directory and environment: nothing may come from the tree.
cd "$scratch"
export -n MAMORI_RULES_DIR 2>/dev/null || true
unset MAMORI_RULES_DIR
mamori=/usr/bin/mamori
[ -x "$mamori" ] || fail "no /usr/bin/mamori"
version=$("$mamori" version) || fail "mamori version: exit $?"
[[ $version == "mamori "* ]] || fail "mamori version"
# The PDF and e-mail module is installed where the program looks for it.
[[ $version == *poppler*GMime* ]] || fail "mamori version: no PDF and e-mail module"
man -w mamori >/dev/null 2>&1 || [ -f /usr/share/man/man1/mamori.1.gz ] ||
  [ -f /usr/share/man/man1/mamori.1 ] || fail "man page mamori(1) not installed"
[ -d /usr/share/mamori/rules ] || fail "no /usr/share/mamori/rules"
[ -f /etc/mamori/mamori.toml ] || fail "no /etc/mamori/mamori.toml"
[ -f /lib/systemd/system/mamori.service ] && [ -f /lib/systemd/system/mamori.timer ] ||
  fail "systemd units not installed"
getent passwd mamori >/dev/null || fail "no mamori system user"
[ -d /var/lib/mamori ] || fail "no /var/lib/mamori"
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify --man=no /lib/systemd/system/mamori.timer >/dev/null 2>&1 ||
    fail "systemd-analyze verify mamori.timer"
fi

# Completion: commands, then scan's options and formats, from the binary.
completion=/usr/share/bash-completion/completions/mamori
[ -f "$completion" ] || fail "no bash completion"
complete_words() {  # complete_words WORD... : what <TAB> offers after them
  bash -c '
    _init_completion() { words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD;
      cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; }
    _filedir() { :; }
    __ltrim_colon_completions() { :; }
    compopt() { :; }
    source "$0"
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _mamori
    printf "%s\n" "${COMPREPLY[@]}"' "$completion" "$@"
}
offers() {  # offers WORD WORD...: whether completing the rest offers WORD
  # (captured first: grep -q closing a pipe early fails it under pipefail)
  local want=$1 got
  shift
  got=$(complete_words "$@")
  grep -qxF -- "$want" <<<"$got"
}
offers scan mamori s || fail "completion of commands"
offers --format mamori scan --fo || fail "completion of options"
offers jsonl mamori scan --format j || fail "completion of formats"
offers samba: mamori scan --log sam || fail "completion of log formats"

# The installed samples with the installed rules.
samples=/usr/share/mamori/samples
status=0
"$mamori" scan --assets $samples/assets.toml --roster $samples/roster.csv \
  --devices $samples/devices.csv --log $samples/logs/fs01-samba-audit.log \
  --log $samples/logs/ws07-syslog --log $samples/logs/ws07-audit.log \
  --tz Asia/Tokyo --format jsonl -o "$scratch/report.jsonl" $samples/media \
  2>"$scratch/stderr" || status=$?
((status == 1)) || { cat "$scratch/stderr"; fail "installed demo scan exited $status, not 1"; }
grep -q '"detector":"content_match"' "$scratch/report.jsonl" ||
  fail "no content finding: were the installed rules used?"
grep -q '"detector":"staged_archive"' "$scratch/report.jsonl" || fail "no staged_archive"
checker=$root/../shared/tools/check-findings
if [ -x "$checker" ]; then
  "$checker" "$scratch/report.jsonl" >/dev/null || fail "check-findings"
fi
findings=$(grep -c '"type":"finding"' "$scratch/report.jsonl")

# The nightly mode of the installed service: a second night over the same
# logs reads nothing again and has nothing new.
night() {
  local code=0
  "$mamori" scan -q --assets $samples/assets.toml --roster $samples/roster.csv \
    --log $samples/logs/fs01-samba-audit.log --tz Asia/Tokyo \
    --state "$scratch/state.db" --only-new --format jsonl -o "$scratch/$1.jsonl" \
    2>/dev/null || code=$?
  ((code <= 1)) || fail "--state: night $1 exited $code"
}
night first; night second
grep -q '"new":true' "$scratch/first.jsonl" || fail "--state: no new finding the first night"
! grep -q '"type":"finding"' "$scratch/second.jsonl" ||
  fail "--state --only-new: findings reported again the second night"
grep -q '"logs_unchanged":1' "$scratch/second.jsonl" || fail "--state: the log was read again"

dpkg -P mamori >/dev/null || fail "dpkg -P mamori"
[ ! -e /usr/bin/mamori ] && [ ! -e /etc/mamori/mamori.toml ] && [ ! -e /var/lib/mamori ] ||
  fail "files left after purge"
! getent passwd mamori >/dev/null || fail "mamori user left after purge"
echo "package $(basename "$deb"): installed, version, man, completion, demo scan ($findings findings), two nights with --state, purged"
