#!/usr/bin/env bash
# Deploys the OrgWarden org package (force-app/) with the Salesforce CLI, then gives you — the
# administrator the CLI is logged in as — the Warden_Admin permission set (the OrgWarden app, its
# tabs, alert triage, action requests).
#
#   scripts/deploy.sh --target-org ALIAS [--dry-run] [--no-assign-admin]
#
# --target-org ALIAS  the org, as an sf CLI alias or username (log in first:
#                     sf org login web --alias ALIAS [--instance-url https://MyDomain.my.salesforce.com])
# --dry-run           validate only: Salesforce checks everything, nothing is saved, nobody is assigned
# --no-assign-admin   deploy only; do not assign Warden_Admin to the CLI's user
# The package has no Apex, so no Apex tests are run (test level NoTestRun).
# Next: scripts/setup-service-account.sh creates the integration user.
set -euo pipefail

# Prints the comment block above as help.
usage() { sed -n '2,/^set /p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }
fail() { echo "deploy.sh: $*" >&2; exit 2; }

target_org="" dry_run=() assign_admin=true
while [ $# -gt 0 ]; do
  case "$1" in
    -o|--target-org)
      if [ $# -lt 2 ] || [ -z "$2" ]; then fail "$1 needs a value: an sf CLI alias or username"; fi
      target_org="$2"; shift 2 ;;
    --dry-run) dry_run=(--dry-run); shift ;;
    --no-assign-admin) assign_admin=false; shift ;;
    # Kept for scripts written against the first version, where assigning was opt-in.
    --assign-admin) assign_admin=true; shift ;;
    -h|--help) usage ;;
    *) echo "deploy.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[ -n "$target_org" ] || fail "missing --target-org ALIAS (the org to deploy to, as an sf CLI alias or username; see --help)"

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/node-env.sh
. "$root/scripts/node-env.sh"
sf() { node "$root/node_modules/@salesforce/cli/bin/run.js" "$@"; }

cd "$root"
sf project deploy start --source-dir force-app --target-org "$target_org" --test-level NoTestRun --wait 30 "${dry_run[@]}"

if [ ${#dry_run[@]} -gt 0 ]; then
  echo "deploy.sh: validation only (--dry-run): nothing was deployed or assigned."
  exit 0
fi
if [ "$assign_admin" = true ]; then
  # Without --on-behalf-of the CLI assigns to its own user: the administrator running this.
  # Assigning twice is not an error here: a second deploy must not fail on it.
  result="$(sf org assign permset --name Warden_Admin --target-org "$target_org" --json 2>/dev/null || true)"
  # shellcheck disable=SC2016 # JavaScript, not shell: its ${…} are template literals.
  node -e '
    const r = JSON.parse(process.argv[1] || "{}");
    const failures = (r.result?.failures ?? []).filter((f) => !/duplicate/i.test(f.message ?? ""));
    if (r.status !== 0 && !(r.result?.failures ?? []).length) { console.error(`deploy.sh: could not assign Warden_Admin: ${r.message ?? "no answer from the CLI"}`); process.exit(1); }
    if (failures.length) { console.error(`deploy.sh: could not assign Warden_Admin: ${failures.map((f) => f.message).join("; ")}`); process.exit(1); }
    console.log("deploy.sh: Warden_Admin is assigned to you (the OrgWarden app is in the App Launcher).");
  ' "$result"
fi
echo "deploy.sh: next, create the service account: scripts/setup-service-account.sh --target-org $target_org --username USER --email EMAIL"
