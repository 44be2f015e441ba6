#!/usr/bin/env bash
cd "$(dirname "$0")"
[ "$(bash greet.sh Ada)" = "Hello, Ada" ] || { echo "with an argument: wrong"; exit 1; }
[ "$(bash greet.sh 2>&1)" = "Hello, world" ] || { echo "without an argument: wrong"; exit 1; }
echo ok
