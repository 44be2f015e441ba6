#!/usr/bin/env bash
# Sum of the amount column of a CSV (default sales.csv).
set -euo pipefail
awk -F, 'NR > 1 { s += $2 } END { print s + 0 }' "${1:-sales.csv}"
