#!/usr/bin/env bash
set -euo pipefail
name=$1
echo "Hello, $name"
