#!/usr/bin/env bash
# Browser tests use Debian's chromium (never a downloaded browser). Install it when we can.
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "!!! chromium could not be installed: the browser tests (e2e) will be SKIPPED !!!"
else
  echo "!!! /usr/bin/chromium is missing and this is not root: the browser tests (e2e) will be SKIPPED !!!"
fi
exit 0
