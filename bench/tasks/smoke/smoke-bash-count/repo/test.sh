#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")"
printf 'a\nb\nc\n' > /tmp/smallcode-count-$$.txt
got=$(bash count.sh /tmp/smallcode-count-$$.txt)
rm -f /tmp/smallcode-count-$$.txt
if [ "$got" != "3" ]; then echo "expected 3 lines, got $got"; exit 1; fi
echo ok
