#!/usr/bin/env bash
# Deploys the OrgWarden org package (force-app/) with the Salesforce CLI.
#
#   scripts/deploy.sh --target-org ALIAS [--dry-run] [--assign-admin]
#
# --dry-run       validate only: Salesforce checks everything, nothing is saved
# --assign-admin  afterwards, give the deploying user the Warden_Admin permission set (the app,
#                 the tab, alert triage)
# The package has no Apex, so no Apex tests are run (test level NoTestRun).
set -euo pipefail

# Prints the comment block above as help.
usage() { sed -n '2,/^set /p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }

target_org="" dry_run=() assign_admin=false
while [ $# -gt 0 ]; do
  case "$1" in
    -o|--target-org) [ $# -ge 2 ] || usage; target_org="$2"; shift 2 ;;
    --dry-run) dry_run=(--dry-run); shift ;;
    --assign-admin) assign_admin=true; shift ;;
    -h|--help) usage ;;
    *) echo "deploy.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[ -n "$target_org" ] || usage

root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/node-env.sh"
sf() { node "$root/node_modules/@salesforce/cli/bin/run.js" "$@"; }

cd "$root"
sf project deploy start --source-dir force-app --target-org "$target_org" --test-level NoTestRun --wait 30 "${dry_run[@]}"

if [ "$assign_admin" = true ] && [ ${#dry_run[@]} -eq 0 ]; then
  sf org assign permset --name Warden_Admin --target-org "$target_org"
fi
