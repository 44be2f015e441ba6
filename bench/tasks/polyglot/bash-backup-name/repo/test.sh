#!/usr/bin/env bash
set -u
cd "$(dirname "$0")"
fail=0
check() { got=$(bash backup_name.sh "$1" "$2"); if [ "$got" != "$3" ]; then echo "backup_name.sh $1 $2: expected $3, got $got"; fail=1; fi; }
check report.txt 2024-05-01 report-2024-05-01.txt
check notes.md 2023-01-02 notes-2023-01-02.md
exit $fail
