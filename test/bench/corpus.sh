#!/usr/bin/env bash
# Builds the real-migration corpus the README's Performance section measures (`npm run bench -- --corpus DIR`):
# PostgreSQL migrations of public projects at pinned commits. The files are other projects' work, so they
# are extracted here, never committed.
#   test/bench/corpus.sh OUT_DIR [MIRRORS_DIR]
# MIRRORS_DIR holds bare clones named owner+name/repo; a missing one is cloned from GitHub (blobs on demand).
set -euo pipefail
out=${1:?usage: corpus.sh OUT_DIR [MIRRORS_DIR]}
mirrors=${2:-${HOME}/.cache/migration-guard-corpus}
# project            commit                                     paths (git pathspecs)
corpus=(
  "ory+kratos         b86338da04a040247a07f46100a86dcfb3875909 :(glob)persistence/sql/migrations/sql/*.postgres.*.sql"
  "lukevella+rallly   c629b3148024e40a115a731d3660d725c9329b0e packages/database/prisma/migrations"
  "formbricks+formbricks b66c1dd978af618a0e402bd3343b456bed68594c packages/database/migration"
  "langfuse+langfuse  62751446149b702b419a9292ddfc2280cdf74b8c packages/shared/prisma/migrations"
  "LemmyNet+lemmy     439734dd638a2c06a2f907beab7dcf4646e88f86 migrations"
)
for entry in "${corpus[@]}"; do
  read -r project commit paths <<<"$entry"
  dest="$out/${project#*+}"
  git_dir="$mirrors/$project/repo"
  [ -d "$git_dir" ] || git clone --quiet --bare --filter=blob:none "https://github.com/${project/+//}" "$git_dir"
  rm -rf "$dest" && mkdir -p "$dest"
  git --git-dir="$git_dir" archive "$commit" -- "$paths" | tar -x -C "$dest"
  echo "$project@$commit: $(find "$dest" -name '*.sql' | wc -l) SQL files in $dest"
done
