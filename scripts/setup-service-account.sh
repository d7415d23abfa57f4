#!/usr/bin/env bash
# Prepares an existing user as OrgWarden's service account, after scripts/deploy.sh.
#
#   scripts/setup-service-account.sh --target-org ALIAS --username integration.user@example.com
#
# Gives the user the "Warden Integration" profile and the Warden_Integration permission set, and
# makes it a Salesforce CRM Content user (Manage Salesforce CRM Content needs that user flag).
# The user must have a Salesforce licence. Run it as an administrator; it changes only that user.
set -euo pipefail

# Prints the comment block above as help.
usage() { sed -n '2,/^set /p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }

target_org="" username=""
while [ $# -gt 0 ]; do
  case "$1" in
    -o|--target-org) [ $# -ge 2 ] || usage; target_org="$2"; shift 2 ;;
    -u|--username) [ $# -ge 2 ] || usage; username="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "setup-service-account.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[ -n "$target_org" ] && [ -n "$username" ] || usage
case "$username" in *"'"*|*'"'*|*' '*) echo "setup-service-account.sh: invalid username: $username" >&2; exit 2 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/node-env.sh"
sf() { node "$root/node_modules/@salesforce/cli/bin/run.js" "$@"; }

# The profile's Id: `sf data update record` takes field values, not names.
profile_id="$(sf data query --target-org "$target_org" --json \
  --query "SELECT Id FROM Profile WHERE Name = 'Warden Integration'" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s).result?.records??[];if(r.length!==1){process.exit(1)}process.stdout.write(r[0].Id)})')" || {
  echo "setup-service-account.sh: could not read profile 'Warden Integration' (org unreachable, or package not deployed: run scripts/deploy.sh)" >&2; exit 1; }

sf data update record --target-org "$target_org" --sobject User --where "Username='$username'" \
  --values "ProfileId='$profile_id' UserPermissionsSFContentUser=true"
sf org assign permset --target-org "$target_org" --name Warden_Integration --on-behalf-of "$username"
echo "setup-service-account.sh: $username is ready; connect the worker with this user (JWT bearer recommended)."
