#!/usr/bin/env bash
# Runs every check and test of senda: formatting, lints, unit and integration tests, and
# the browser tests of tests/browser/ (skipped with SENDA_SKIP_BROWSER=1).
# This is the one test command of the README; .ci/run calls it too. It installs what the
# tests need when it is missing, so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

# install_missing [--no-recommends] thing:package...: installs, with apt, the package of each
# thing that is missing; a thing is a command, or an absolute path that must exist.
install_missing() {
  local opts=()
  if [ "${1:-}" = --no-recommends ]; then
    opts+=(--no-install-recommends)
    shift
  fi
  local missing=()
  for pair in "$@"; do
    local thing=${pair%%:*} package=${pair#*:}
    if [[ $thing == /* ]]; then
      [ -e "$thing" ] && continue
    else
      command -v "$thing" >/dev/null 2>&1 && continue
    fi
    [[ " ${missing[*]} " == *" $package "* ]] || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${opts[@]}" "${missing[@]}" >/dev/null
}

# command:package pairs for the system tools the tests use.
# prlimit sets the serve abuse tests' limits on a running server (tests/testsuite/serve_abuse.rs).
install_missing python3:python3 pip3:python3-pip prlimit:util-linux

# The calendar export is checked with a real RFC 5545 parser, Python's icalendar.
if ! python3 -c "import icalendar" 2>/dev/null; then
  echo "Installing the icalendar Python package"
  python3 -m pip install --quiet icalendar 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages icalendar
fi
# The Atom feeds are read back with a real feed parser, Python's feedparser.
if ! python3 -c "import feedparser" 2>/dev/null; then
  echo "Installing the feedparser Python package"
  python3 -m pip install --quiet feedparser 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages feedparser
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
echo "== cargo test"
# What the machine has left: a run that fails for want of disk, memory or processes says so.
echo "machine: $(nproc) cores; $(free -m | awk '/^Mem:/ { print $7 " MiB available" }');" \
  "$(df -Pm "${TMPDIR:-/tmp}" | awk 'NR == 2 { print $4 " MiB free in the temporary folder" }');" \
  "$(df -Pm . | awk 'NR == 2 { print $4 " MiB free here" }'); processes: $(ulimit -u)"
log=$(mktemp)
retry_log=$(mktemp)
tap=$(mktemp)
trap 'rm -f "$log" "$retry_log" "$tap"' EXIT
set +e
cargo test --quiet >"$log" 2>&1
status=$?
set -e
# The totals of every test binary.
totals() {
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
       END { print p + 0, f + 0 }' "$1"
}
# The first lines each failed test printed, so the reason is in the first screen of a log.
failure_digest() {
  awk 'BEGIN { shown = 99 }
       /^---- .* stdout ----$/ { shown = 0; print; next }
       /^failures:$|^stack backtrace:$/ { shown = 99 }
       shown < 8 { print "    " $0; shown++ }' "$1" | head -n 120
}
grep -E '^test result:|^error(\[|:)' "$log" || true
read -r passed failed < <(totals "$log")
failed_names=$(sed -n 's/^---- \(.*\) stdout ----$/\1/p' "$log" | sort -u)
if [ "$status" -ne 0 ] && [ -n "$failed_names" ] && [ "$(echo "$failed_names" | wc -l)" -le 60 ]; then
  echo "cargo: $failed failed; why, in their first lines:"
  failure_digest "$log"
  # Each failed test once more, one at a time: a test that passes alone failed for want of
  # something the machine lacked at that moment (the digest above says what). It is named
  # as flaky in the totals, never silently dropped.
  echo "== cargo test, the failed tests again, one at a time"
  # shellcheck disable=SC2086
  set +e
  cargo test --quiet -- --exact --test-threads=1 $failed_names >"$retry_log" 2>&1
  status=$?
  set -e
  read -r _ again < <(totals "$retry_log")
  if [ "$status" -eq 0 ]; then
    echo "flaky (failed, then passed alone): $(echo $failed_names)"
    passed=$((passed + failed))
    failed=0
  else
    echo "failed again:"
    passed=$((passed + failed - again))
    failure_digest "$retry_log"
    failed=$again
  fi
elif [ "$status" -ne 0 ]; then
  failure_digest "$log"
  tail -n 60 "$log"
fi
echo "cargo: $passed passed, $failed failed"

# Browser tests (tests/browser/, Node's test runner): the bundled portal in Debian's
# Chromium through playwright-core, axe-core, the Nu HTML Checker and a link checker.
if [ "${SENDA_SKIP_BROWSER:-}" = 1 ]; then
  echo "== browser tests skipped (SENDA_SKIP_BROWSER=1)"
else
  echo "== browser tests"
  # Debian's Chromium and ChromeDriver (never a browser download), pdftotext and pdfinfo,
  # the fonts the print stylesheet names; Java (for vnu.jar) and Node only when missing.
  install_missing --no-recommends chromium:chromium chromedriver:chromium-driver \
    pdftotext:poppler-utils pdfinfo:poppler-utils \
    /usr/share/fonts/truetype/liberation:fonts-liberation \
    java:default-jre-headless node:nodejs npm:npm
  # The pinned npm packages, installed again only when package-lock.json changed. Install
  # scripts are skipped: vnu-jar's would download a Java runtime, Java is already here.
  stamp=tests/browser/node_modules/.package-lock.sha256
  want=$(sha256sum tests/browser/package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tests/browser --no-audit --no-fund --ignore-scripts
    echo "$want" >"$stamp"
  fi
  cargo build --quiet
  set +e
  # At most 20 minutes, whatever hangs (they take about two).
  SENDA_BIN="$PWD/target/debug/senda" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout --kill-after=10 1200 node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" tests/browser/
  browser_status=$?
  set -e
  read -r bpassed bfailed bskipped < <(awk '/^# pass / { p = $3 } /^# fail / { f = $3 } /^# cancelled / { c = $3 } /^# skipped / { s = $3 }
       END { print p + 0, f + c, s + 0 }' "$tap")
  # A run that died before its summary counts as failed.
  if [ "$browser_status" -ne 0 ] && [ "$bfailed" -eq 0 ]; then bfailed=1; fi
  echo "browser: $bpassed passed, $bfailed failed, $bskipped skipped"
  passed=$((passed + bpassed))
  failed=$((failed + bfailed))
  [ "$status" -ne 0 ] || status=$browser_status
fi
# One closing line with the totals of every test.
echo "tests: $passed passed, $failed failed"
exit "$status"
