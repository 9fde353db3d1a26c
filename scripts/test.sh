#!/usr/bin/env bash
# `npm test`: everything CI runs. Installs what it needs (Chromium and CJK fonts from Debian),
# type-checks, lints, runs every suite under TZ=UTC and TZ=Asia/Shanghai, then the end-to-end
# suites against a fresh H5 build, and prints one closing line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  echo "安装 Chromium 与中文字体 (apt-get)…"
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null || {
    echo "could not install chromium"; exit 1; }
fi

results=$(mktemp -d)
status=0
step() { echo; echo "== $*"; }

step "typecheck"; npx tsc --noEmit -p . || status=1
step "lint"; npx eslint . && npx prettier --check . >/dev/null || { echo "lint failed (npm run format fixes formatting)"; status=1; }

for tz in UTC Asia/Shanghai; do
  step "jest, TZ=$tz"
  TZ=$tz npx jest --ci --json --outputFile="$results/unit-${tz//\//_}.json" || status=1
done

if [ "${SKIP_E2E:-}" != 1 ]; then
  step "H5 build for end-to-end tests"
  node scripts/build-h5-if-stale.mjs || status=1
  for tz in UTC Asia/Shanghai; do
    step "end-to-end (Chromium), TZ=$tz"
    TZ=$tz npx jest --ci -c jest.e2e.config.js --json --outputFile="$results/e2e-${tz//\//_}.json" || status=1
  done
fi

node scripts/summarize-tests.mjs "$results" || status=1
exit $status
