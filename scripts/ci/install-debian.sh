#!/usr/bin/env bash
# Installs what the queue-mode e2e suite needs from Debian's packages: Redis and Postgres.
# Nothing is started as a service: the suite starts its own on loopback ports and stops them.
# Needs root (or sudo); skips the install when both are already there.
set -euo pipefail

have_postgres() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; }
if command -v redis-server >/dev/null 2>&1 && have_postgres; then
	echo "redis-server and postgres already installed"
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# policy-rc.d or no systemd: the packages' services may refuse to start; that is fine here.
$SUDO apt-get install -y -qq --no-install-recommends redis-server postgresql
command -v redis-server && ls -d /usr/lib/postgresql/*/bin
