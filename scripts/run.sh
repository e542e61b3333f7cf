#!/usr/bin/env bash
# Starts Newsroom at http://localhost:5080 with demo accounts. With no connection string configured it creates and
# starts its own PostgreSQL in src/Newsroom.Web/.data, and stops it again on Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
exec dotnet run --project src/Newsroom.Web --launch-profile Newsroom
