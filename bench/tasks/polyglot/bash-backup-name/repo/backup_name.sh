#!/usr/bin/env bash
# Usage: backup_name.sh FILE DATE
set -euo pipefail
file=$1
date=$2
base=${file%%.*}
ext=${file%.*}
echo "${base}-${date}.${ext}"
