#!/usr/bin/env bash
# Installs Debian's chromium when it is missing: test/e2e/status-preview.test.ts drives it
# (playwright-core, /usr/bin/chromium) to render the status component's preview.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then exit 0; fi
if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "orgwarden: /usr/bin/chromium is missing (apt-get install chromium); the status preview test will be skipped" >&2
  exit 0
fi
echo "orgwarden: installing chromium for the status preview test" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
