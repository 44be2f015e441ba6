#!/usr/bin/env bash
cd "$(dirname "$0")"
[ -f dist/bundle.txt ] || { echo "dist/bundle.txt is missing"; exit 1; }
[ "$(cat dist/bundle.txt)" = "mode=release id=42" ] || { echo "wrong bundle: $(cat dist/bundle.txt)"; exit 1; }
echo ok
