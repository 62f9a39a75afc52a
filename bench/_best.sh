#!/bin/bash
# best of N runs of bench/_prof.ts (CPU-time rate)
which=${1:-mm1}; n=${2:-5}
for i in $(seq $n); do node --import tsx bench/_prof.ts $which 2>/dev/null | tail -1; done | awk '{print $6}' | sort -n | tail -1
