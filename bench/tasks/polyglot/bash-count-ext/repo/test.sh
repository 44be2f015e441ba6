#!/usr/bin/env bash
cd "$(dirname "$0")"
[ "$(bash count_ext.sh fixtures txt)" = "3" ] || { echo "txt: expected 3, got $(bash count_ext.sh fixtures txt)"; exit 1; }
[ "$(bash count_ext.sh fixtures md)" = "2" ] || { echo "md: expected 2"; exit 1; }
echo ok
