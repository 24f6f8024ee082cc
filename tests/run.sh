#!/usr/bin/env bash
# Installs what the tests need (Debian packages, npm packages) and runs every test of the solution.
# Ends with one line "N passed, N failed", counted from the TRX result files, never typed by hand.
set -uo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
need=()
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)            # the page's packages (WebAssets.targets)
[ -e /usr/share/zoneinfo/Asia/Shanghai ] || need+=(tzdata)       # Beijing time
command -v influxd >/dev/null 2>&1 || [ -x /usr/bin/influxd ] || need+=(influxdb)   # the real time-series server the store tests start
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)          # the warnings database on PostgreSQL
[ -x /usr/bin/chromium ] || need+=(chromium)                       # the page tests drive Debian's Chromium with Playwright
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || need+=(fonts-noto-cjk)   # Chinese text in the page screenshots
if [ ${#need[@]} -gt 0 ]; then
  echo "tests/run.sh: installing ${need[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
(cd src/ClimateWarn.Server && npm ci --no-audit --no-fund --loglevel=error)

results=artifacts/test-results
rm -rf "$results"
status=0
dotnet build ClimateWarn.sln -nologo -v quiet || status=$?
if [ "$status" -eq 0 ]; then
  for project in tests/*/*.Tests.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results/$name" \
      --blame-hang-timeout 10m "$@" || status=$?
  done
fi

passed=0
failed=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  trx="$results/$name/$name.trx"
  if [ ! -s "$trx" ]; then
    # A test host that died leaves no results, and dotnet test may still exit 0: count it as a failure.
    echo "tests/run.sh: $name produced no test results (test host crashed or was killed?)" >&2
    failed=$((failed + 1))
    status=1
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
