#!/usr/bin/env bash
# Reproduces the README's Performance figures: the engine benchmark, then the load tool's sweep, board, fault, fuzz
# and circuit runs. Results go to artifacts/ (benchmark tables, report.md, report.json, latency.svg). Takes about
# 40 minutes on 2 cores; run it on an otherwise idle machine, as the figures are wall-clock times. The live-editing runs
# start with 20 s of unmeasured typing (--warm-up 20), so they measure an app whose JIT has tiered up (ADR-029).
#   scripts/measure.sh            everything
#   scripts/measure.sh engine     only the benchmark
#   scripts/measure.sh load       only the load tool ("all" command)
#   scripts/measure.sh curve      only the curve, as the README's row gives it: one story at 50 to 1,000 editors with
#                                 back-pressure on, drawn to docs/performance/latency.svg
set -euo pipefail
cd "$(dirname "$0")/.."
NEWSROOM_TESTING=1 scripts/prerequisites.sh
dotnet build Newsroom.sln -c Release -warnaserror -nologo -v quiet
what="${1:-everything}"

if [ "$what" = everything ] || [ "$what" = engine ]; then
  dotnet tests/Newsroom.Benchmarks/bin/Release/net10.0/Newsroom.Benchmarks.dll --filter '*' --artifacts artifacts/benchmarks
fi

if [ "$what" = everything ] || [ "$what" = load ]; then
  dotnet tests/Newsroom.Load/bin/Release/net10.0/Newsroom.Load.dll all --warm-up 20 --out artifacts/load
fi

if [ "$what" = everything ] || [ "$what" = curve ]; then
  dotnet tests/Newsroom.Load/bin/Release/net10.0/Newsroom.Load.dll editors --sweep 50,100,200,400,500,800,1000 --stories 1 \
    --seconds 20 --warm-up 20 --pacing on --chart docs/performance/latency.svg --out artifacts/curve
fi
