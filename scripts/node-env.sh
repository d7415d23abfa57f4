# Sourced by scripts/dev and .ci/run: puts a Node.js >= 22 first on PATH.
# OrgWarden needs Node 22+ (@salesforce/cli, @salesforce/core 9 and jsforce >= 3.10.17 require it).
# When the machine's node is older, Node 24 LTS is installed from the npm registry's `node`
# package (the binary ships inside the package) into a cache folder, once.
ow_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(ow_node_major)" -lt 22 ]; then
  OW_NODE_DIR="${ORGWARDEN_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/orgwarden/node24}"
  if [ ! -x "$OW_NODE_DIR/node_modules/node/bin/node" ]; then
    echo "orgwarden: installing Node.js 24 into $OW_NODE_DIR (machine node is $(node -v 2>/dev/null || echo missing))" >&2
    mkdir -p "$OW_NODE_DIR"
    npm install --prefix "$OW_NODE_DIR" --no-save --no-audit --no-fund --loglevel=error node@24 >&2 || {
      echo "orgwarden: could not install Node.js 24; install Node >= 22 yourself and retry" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$OW_NODE_DIR/node_modules/node/bin:$PATH"
fi
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true SFDX_DISABLE_TELEMETRY=true
unset -f ow_node_major
