#!/usr/bin/env bash
cd "$(dirname "$0")"
[ -f scripts/largest.sh ] || { echo "scripts/largest.sh is missing"; exit 1; }
got=$(bash scripts/largest.sh data)
[ "$got" = "big.csv" ] || { echo "expected big.csv, got $got"; exit 1; }
d=$(mktemp -d); printf "aaaa" > "$d/one"; printf "a" > "$d/two"
got=$(bash scripts/largest.sh "$d"); rm -rf "$d"
[ "$got" = "one" ] || { echo "expected one, got $got"; exit 1; }
echo ok
