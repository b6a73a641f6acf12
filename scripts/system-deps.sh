#!/usr/bin/env bash
# Installs the system packages infoview's tests need, where this machine lets us:
# chromium (headless browser tests, Debian's build, never a downloaded one) and the pango
# libraries WeasyPrint renders PDFs with. Elsewhere it prints what to install and returns 0:
# the browser tests then skip with that message (but fail under CI=true).
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "Missing system packages: ${need[*]}."
  echo "Install them as root, e.g.: sudo apt-get install -y ${need[*]}"
  echo "Until then the browser tests and PDF export are skipped."
fi
exit 0
