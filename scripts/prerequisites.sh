#!/usr/bin/env bash
# Makes sure this machine has what Newsroom needs to build, run and test. On Debian/Ubuntu it installs what is
# missing with apt (as root, or through sudo when that needs no password); anywhere else it says what to install.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "Newsroom needs the .NET 10 SDK: install it (https://dotnet.microsoft.com/download/dotnet/10.0) and run this again." >&2
  exit 1
fi

have_postgres() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

missing=()
have_postgres || missing+=(postgresql)
# The live editor is bundled from npm packages by the build.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# The tests also drive Debian's Chromium, its headless shell (never a downloaded one; ADR-035), and start a
# redis-server for the scale-out tests (two app processes on one PostgreSQL and one Redis) and the load tool's
# --instances mode.
if [ "${NEWSROOM_TESTING:-}" = "1" ]; then
  command -v chromium-headless-shell >/dev/null 2>&1 || missing+=(chromium-headless-shell)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Newsroom needs: ${missing[*]}. Install them with your package manager and run this again." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "Newsroom needs: ${missing[*]}. Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing ${missing[*]} with apt-get…"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
