#!/bin/bash
# Instructions per simulated request (callgrind, deterministic): the difference between two run lengths.
which=${1:-mm1}; a=${2:-200000}; b=${3:-800000}
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null node --import tsx bench/_ir.ts $which $1 2>&1 | grep "I   refs" | tr -d ',' | awk '{print $4}'; }
ia=$(ir $a); ib=$(ir $b)
echo "$which: $(( (ib - ia) / (b - a) )) instructions per request"
