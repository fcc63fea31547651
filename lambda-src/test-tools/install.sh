#!/bin/sh
# Installs the IAM policy evaluator the isolation tests run (pinned in package-lock.json) unless node_modules
# already holds exactly this package.json + package-lock.json: npm ci wipes and reinstalls on every build otherwise.
set -eu
cd "$(dirname "$0")"
stamp=node_modules/.installed-from
if [ -f "$stamp" ] && cat package.json package-lock.json | cmp -s - "$stamp"; then
  exit 0
fi
npm ci --no-audit --no-fund
cat package.json package-lock.json > "$stamp"
