#!/usr/bin/env bash
# Runs the end-to-end suite in code-server + headless Chromium against a packaged .vsix.
#   scripts/e2e/run.sh                 the newest ./*.vsix (what `npm run package` made)
#   scripts/e2e/run.sh --vsix FILE     a given package
#   (the real extension runs twice: test/e2e/suite/index.ts trusted, index-restricted.ts in Restricted Mode)
#   scripts/e2e/run.sh --smoke         the harness alone, against a stand-in extension (test/e2e/smoke-ext)
# Needs scripts/e2e/setup.sh first. Screenshots and logs: .test-output/e2e/. MG_E2E_KEEP=1 keeps the
# temporary VS Code profile and workspace copy.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/e2e/env.sh

[ -x "$CODE_SERVER_BIN" ] || { echo "code-server is not installed: run scripts/e2e/setup.sh" >&2; echo "0 passed, 1 failed"; exit 1; }

vsix=""
extra=()
case "${1:-}" in
  --smoke)
    mkdir -p out/test
    vsix="$PWD/out/test/e2e-smoke.vsix"
    (cd test/e2e/smoke-ext && ../../../node_modules/.bin/vsce package --no-dependencies --skip-license \
      --allow-missing-repository -o "$vsix" >/dev/null)
    ;;
  --vsix) vsix="$(realpath "$2")" ;;
  "") vsix="$(ls -t ./*.vsix 2>/dev/null | head -n 1 || true)" ;;
  *) echo "usage: $0 [--smoke | --vsix FILE]" >&2; exit 2 ;;
esac
[ -n "$vsix" ] && [ -f "$vsix" ] || { echo "no .vsix to test: run npm run package first" >&2; echo "0 passed, 1 failed"; exit 1; }

# The real extension also gets a second window in Restricted Mode (workspace trust); the stand-in does not.
[ "${1:-}" = --smoke ] || extra=(--restricted-suite out/test/suite-restricted.js)

node scripts/e2e/build-suite.mjs
exec node --import tsx test/e2e/run.ts --code-server "$CODE_SERVER_BIN" --vsix "$vsix" "${extra[@]}"
