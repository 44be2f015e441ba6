#!/usr/bin/env bash
cd "$(dirname "$0")"
got=$(bash total.sh)
[ "$got" = "20" ] || { echo "expected 20, got $got"; exit 1; }
printf "h,i,amount\nx,y,1\nx,y,2\n" > /tmp/sc-total-$$.csv
got=$(bash total.sh /tmp/sc-total-$$.csv); rm -f /tmp/sc-total-$$.csv
[ "$got" = "3" ] || { echo "expected 3, got $got"; exit 1; }
echo ok
