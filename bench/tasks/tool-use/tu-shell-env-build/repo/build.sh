#!/usr/bin/env bash
set -euo pipefail
: "${BUILD_MODE:?run: source env.sh first}"
: "${BUILD_ID:?run: source env.sh first}"
mkdir -p dist
echo "mode=$BUILD_MODE id=$BUILD_ID" > dist/bundle.txt
echo "wrote dist/bundle.txt"
