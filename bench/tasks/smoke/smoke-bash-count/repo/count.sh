#!/usr/bin/env bash
# Prints how many lines the file named by $1 has.
set -euo pipefail
wc -c < "$1" | tr -d ' '
