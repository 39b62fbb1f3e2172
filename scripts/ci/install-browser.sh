#!/usr/bin/env bash
# Debian packages for the editor suite (npm run test:browser): Chromium, and CJK fonts so the
# Korean texts of the Kakao sample data render. Run as root (or with sudo) once per machine.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
	echo "chromium and fonts-noto-cjk are installed"
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-noto-cjk
/usr/bin/chromium --version
