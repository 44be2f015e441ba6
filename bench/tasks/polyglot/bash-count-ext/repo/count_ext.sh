#!/usr/bin/env bash
# Usage: count_ext.sh DIR EXT
set -euo pipefail
find "$1" -maxdepth 1 -name "*.$2" | wc -l | tr -d ' '
