#!/usr/bin/env bash
# Checks deploy/tender.service with `systemd-analyze verify`: unknown sections and directives, values systemd
# cannot parse, missing dependencies, commands that are not executable.
#
# Usage: bash deploy/verify-unit.sh BINARY      (for example .build/debug/tender)
#
# The unit runs /usr/local/bin/tender, which a build machine does not have, so the check runs on a copy whose
# ExecStart names BINARY instead. systemd-analyze exits 0 even for an unknown directive (it only prints a warning),
# so this script reads what it prints: any line about the unit fails the check, and so does any line it does not
# recognise. Lines about other units on this machine (loaded as dependencies) are shown but do not fail it.
# Without systemd-analyze it installs Debian's `systemd` package when run as root, or fails saying what to do.
set -euo pipefail
cd "$(dirname "$0")/.."

unit=deploy/tender.service
installed_binary=/usr/local/bin/tender   # what the unit's ExecStart names

if [ $# -ne 1 ]; then
    echo "usage: bash deploy/verify-unit.sh BINARY   (for example .build/debug/tender)" >&2
    exit 2
fi
if [ ! -x "$1" ] || [ -d "$1" ]; then
    echo "verify-unit: '$1' is not an executable file; build it first (swift build)" >&2
    exit 1
fi
binary=$(realpath "$1")   # systemd needs an absolute path
# ExecStart= splits on whitespace and expands %, so refuse paths that would need quoting.
case $binary in
    *[[:space:]%\\\"\']*)
        echo "verify-unit: the path $binary contains a space, %, a backslash or a quote; use another folder" >&2
        exit 1
        ;;
esac

if ! command -v systemd-analyze >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "verify-unit: systemd-analyze is missing; installing Debian's systemd package"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends systemd
    else
        echo "verify-unit: systemd-analyze is missing; install the systemd package (sudo apt-get install systemd)" >&2
        exit 1
    fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy="$work/tender.service"   # the same file name: systemd names the unit after it

# Copy the unit line by line, giving ExecStart= the built binary; everything else stays as it is.
rewritten=0
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        "ExecStart=$installed_binary "*)
            line="ExecStart=$binary ${line#"ExecStart=$installed_binary "}"
            rewritten=$((rewritten + 1))
            ;;
    esac
    printf '%s\n' "$line"
done <"$unit" >"$copy"
if [ "$rewritten" -ne 1 ]; then
    echo "verify-unit: expected one 'ExecStart=$installed_binary ...' line in $unit, found $rewritten" >&2
    exit 1
fi

echo "verify-unit: $(systemd-analyze --version | head -n 1)"
echo "verify-unit: checking $unit with systemd-analyze verify"
echo "verify-unit: on a copy with $(grep '^ExecStart=' "$copy")"

# stdout and stderr together: the warnings go to stderr. The exit status is kept, not fatal (set -e).
status=0
systemd-analyze verify "$copy" >"$work/output" 2>&1 || status=$?

# A line that starts with a unit's file or name, e.g. "/lib/systemd/system/x.service:12: ..." or "x.target: ...".
about_a_unit='^[^[:space:]]+\.(service|socket|target|mount|automount|swap|path|timer|slice|scope|device)(:[0-9]+)?: '
problems=0
while IFS= read -r line; do
    if [[ $line == "$copy:"* || $line == "tender.service:"* ]]; then
        # About our unit: "<file>:<line>: Unknown key ...", "tender.service: Command ... is not executable".
        echo "  PROBLEM: $line"
        problems=$((problems + 1))
    elif [[ $line =~ $about_a_unit ]]; then
        # About another unit this machine has (After=, WantedBy= and default dependencies load them).
        echo "  note (another unit on this machine, not ours): $line"
    else
        # Anything else is unexpected (e.g. the manager could not start): fail rather than guess.
        echo "  PROBLEM (unrecognised output): $line"
        problems=$((problems + 1))
    fi
done <"$work/output"

if [ "$status" -ne 0 ] || [ "$problems" -ne 0 ]; then
    echo "verify-unit: FAILED: systemd-analyze verify exited $status with $problems problem line(s) above" >&2
    exit 1
fi
echo "verify-unit: OK: $unit passes systemd-analyze verify (no warnings about it)"
