#!/usr/bin/env bash
# Installs what the tests need (Debian packages, npm packages) and runs every test project of the solution at once, each
# in the background with its own log (printed when all are done), so the fast projects do not wait behind the Server's.
# Ends with one line "N passed, N failed, N skipped", counted from the TRX result files, never typed by hand. The line
# before it gives the tests that were not executed (a test host that stopped early; they count as failed), and any
# project whose test host aborted is named above that. Extra arguments go to every `dotnet test` (e.g. --filter).
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
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || need+=(python3-aiosmtpd)   # the real SMTP server (Maildir) the e-mail tests start
[ -x /usr/bin/redis-server ] || need+=(redis-server)                # the SignalR backplane of the cluster tests
[ -x /usr/sbin/haproxy ] || need+=(haproxy)                         # the load balancer in front of the cluster tests' two nodes
command -v xmlsec1 >/dev/null 2>&1 || need+=(xmlsec1)            # verifies the signed CAP documents
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)    # reads the PDF bulletins' text
if [ ${#need[@]} -gt 0 ]; then
  echo "tests/run.sh: installing ${need[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
(cd src/ClimateWarn.Server && npm ci --no-audit --no-fund --loglevel=error)

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
projects=(tests/*/*.Tests.csproj)
status=0
dotnet build ClimateWarn.sln -nologo -v quiet || status=$?
if [ "$status" -eq 0 ]; then
  for project in "${projects[@]}"; do
    name=$(basename "$project" .csproj)
    (
      start=$SECONDS
      dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results/$name" \
        --blame-hang-timeout 10m "$@" >"$results/$name.log" 2>&1
      echo "$? $((SECONDS - start))" >"$results/$name.exit"
    ) &
  done
  wait
fi

# One TRX attribute of the <Counters> element, 0 when absent.
counter() { local v; v=$(grep -o " $1=\"[0-9]*\"" <<<"$2" | head -1 | tr -dc '0-9'); echo "${v:-0}"; }

passed=0; failed=0; skipped=0; not_executed=0
summary=(); aborted=()
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  trx="$results/$name/$name.trx"
  log="$results/$name.log"
  read -r code seconds 2>/dev/null <"$results/$name.exit" || { code="not run"; seconds=0; }
  [ -f "$log" ] && { echo "===== $name (dotnet test exit $code, ${seconds} s) ====="; cat "$log"; }
  [ "$code" = "0" ] || status=1
  p=0; f=0; s=0; n=0; total=0; reason=""
  if [ ! -s "$trx" ]; then
    reason="no test results (test host crashed or was killed, or the build failed?)"
  else
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    total=$(counter total "$counters")
    p=$(counter passed "$counters")
    f=$(( $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters") ))
    # xunit reports a skipped test as outcome NotExecuted, counted in total but not in executed.
    s=$(grep -o 'outcome="NotExecuted"' "$trx" | wc -l)
    n=$(( total - $(counter executed "$counters") - s ))
    [ "$n" -lt 0 ] && n=0
    if grep -q "test run was aborted" "$trx" || grep -q "Test Run Aborted" "$log" 2>/dev/null; then
      reason=$(grep -o "test run was aborted[^<]*" "$trx" | head -1)
      reason=${reason:-"Test Run Aborted"}
    elif [ "$code" != "0" ] && [ "$f" -eq 0 ]; then
      reason="dotnet test exited $code with no failed test"
    fi
  fi
  if [ -n "$reason" ]; then
    # The tests it never reached: what the project holds (under the same filter) less what it reported.
    listed=$(dotnet test "$project" --no-build --list-tests "$@" 2>/dev/null | grep -c '^    ')
    n=$(( n + (listed > total ? listed - total : 0) ))
    [ "$n" -eq 0 ] && [ "$f" -eq 0 ] && n=1   # nothing to count, but the project did not pass: never "0 failed"
    aborted+=("tests/run.sh: $name aborted: $reason (see $log)")
    status=1
  fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s)); not_executed=$((not_executed + n))
  summary+=("$(printf '%-32s %5d passed %4d failed %4d skipped %4d not executed  (%s s)' "$name" "$p" "$f" "$s" "$n" "$seconds")")
done

echo
printf '%s\n' "${summary[@]}"
[ ${#aborted[@]} -gt 0 ] && printf '%s\n' "${aborted[@]}"
echo "not executed: $not_executed (tests a stopped test host never ran; counted as failed below)"
echo "$passed passed, $((failed + not_executed)) failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$not_executed" -eq 0 ] && [ "$passed" -gt 0 ]
