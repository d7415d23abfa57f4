#!/usr/bin/env bash
# Creates (or prepares) OrgWarden's service account, after scripts/deploy.sh.
#
#   scripts/setup-service-account.sh --target-org ALIAS --username orgwarden@acme.com --email you@acme.com \
#     [--last-name NAME] [--language en_US] [--time-zone GMT]
#
# --target-org ALIAS  the org, as an sf CLI alias or username of an administrator
# --username NAME     the service account's username (new or existing; must look like an email address)
# --email ADDRESS     where Salesforce sends the new user's mail; needed when the user does not exist yet
# --last-name NAME    last name of a new user (default OrgWarden)
# --language CODE     the user's language (default en_US: OrgWarden reads sign-in results in any
#                     language, but English also keeps every message in its logs readable)
# --time-zone ZONE    time zone of a new user (default GMT)
#
# The user gets the "Warden Integration" profile (Salesforce licence), the Warden_Integration
# permission set, and the Salesforce CRM Content User flag (Manage Salesforce CRM Content needs it).
# An existing user keeps its name and e-mail; its profile, content flag and language are set.
# Run it as an administrator; it changes only that user. It then prints the remaining steps.
set -euo pipefail

# Prints the comment block above as help.
usage() { sed -n '2,/^set /p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }
fail() { echo "setup-service-account.sh: $*" >&2; exit 2; }

target_org="" username="" email="" last_name="OrgWarden" language="en_US" time_zone="GMT"
while [ $# -gt 0 ]; do
  case "$1" in
    -o|--target-org|-u|--username|--email|--last-name|--language|--time-zone)
      if [ $# -lt 2 ] || [ -z "$2" ]; then fail "$1 needs a value (see --help)"; fi
      case "$1" in
        -o|--target-org) target_org="$2" ;;
        -u|--username) username="$2" ;;
        --email) email="$2" ;;
        --last-name) last_name="$2" ;;
        --language) language="$2" ;;
        --time-zone) time_zone="$2" ;;
      esac
      shift 2 ;;
    -h|--help) usage ;;
    *) echo "setup-service-account.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[ -n "$target_org" ] || fail "missing --target-org ALIAS (the org, as an sf CLI alias or username; see --help)"
[ -n "$username" ] || fail "missing --username NAME (the service account's username, e.g. orgwarden@acme.com; see --help)"
# Values go into SOQL and `sf data … --values` between single quotes: refuse anything that could end them.
for value in "$username" "$email" "$last_name" "$language" "$time_zone"; do
  case "$value" in *"'"*|*'"'*|*\\*) fail "quotes and backslashes are not allowed in values: $value" ;; esac
done
case "$username" in *@*.*) ;; *) fail "--username must look like an email address: $username" ;; esac
case "$username" in *' '*) fail "--username must not contain spaces: $username" ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/node-env.sh
. "$root/scripts/node-env.sh"
sf() { node "$root/node_modules/@salesforce/cli/bin/run.js" "$@"; }

# Ids of the records of a `sf data query --json` answer, one per line; fails when the query failed.
record_ids() {
  node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{const r=JSON.parse(s||"{}");if(r.status!==0){console.error(r.message??"no answer from the CLI");process.exit(1)}for(const x of r.result?.records??[])console.log(x.Id)})'
}
query_ids() { sf data query --target-org "$target_org" --json --query "$1" 2>/dev/null | record_ids; }

profile_id="$(query_ids "SELECT Id FROM Profile WHERE Name = 'Warden Integration'")" ||
  fail "could not query $target_org (is the CLI logged in? sf org login web --alias $target_org)"
[ -n "$profile_id" ] || fail "profile 'Warden Integration' not found in $target_org: deploy the package first (scripts/deploy.sh --target-org $target_org)"

user_id="$(query_ids "SELECT Id FROM User WHERE Username = '$username'")" || fail "could not look up user $username"
if [ -z "$user_id" ]; then
  [ -n "$email" ] || fail "user $username does not exist in $target_org: give --email ADDRESS to create it"
  # Alias: at most 8 characters, from the username.
  alias="$(printf '%s' "${username%%@*}" | tr -cd 'A-Za-z0-9' | cut -c1-8)"
  sf data create record --target-org "$target_org" --sobject User --values \
    "Username='$username' Email='$email' LastName='$last_name' Alias='${alias:-orgwardn}' ProfileId='$profile_id' TimeZoneSidKey='$time_zone' LocaleSidKey='en_US' LanguageLocaleKey='$language' EmailEncodingKey='UTF-8' UserPermissionsSFContentUser=true"
  echo "setup-service-account.sh: created $username with the Warden Integration profile."
else
  sf data update record --target-org "$target_org" --sobject User --record-id "$user_id" \
    --values "ProfileId='$profile_id' UserPermissionsSFContentUser=true LanguageLocaleKey='$language'"
  echo "setup-service-account.sh: $username now has the Warden Integration profile."
fi

# Assigning twice is not an error here: running the script again must not fail on it.
result="$(sf org assign permset --target-org "$target_org" --name Warden_Integration --on-behalf-of "$username" --json 2>/dev/null || true)"
# shellcheck disable=SC2016 # JavaScript, not shell: its ${…} are template literals.
node -e '
  const r = JSON.parse(process.argv[1] || "{}");
  const failures = (r.result?.failures ?? []).filter((f) => !/duplicate/i.test(f.message ?? ""));
  if (r.status !== 0 && !(r.result?.failures ?? []).length) { console.error(`setup-service-account.sh: could not assign Warden_Integration: ${r.message ?? "no answer from the CLI"}`); process.exit(1); }
  if (failures.length) { console.error(`setup-service-account.sh: could not assign Warden_Integration: ${failures.map((f) => f.message).join("; ")}`); process.exit(1); }
' "$result"
echo "setup-service-account.sh: $username has the Warden_Integration permission set."

cat <<EOF

Next steps (README, "Install in your org"):
  1. Connected app for the worker (JWT bearer flow, no password): in Setup > App Manager create a
     connected app (or External Client App) with OAuth enabled, "Use digital signatures" with your
     certificate (server.crt), scopes "api" and "refresh_token, offline_access"; in its policies set
     "Admin approved users are pre-authorized" and add the profile "Warden Integration".
  2. Log the worker in as $username:
       sf org login jwt --username $username --jwt-key-file server.key --client-id CONSUMER_KEY --alias orgwarden
     or put the same in the config: jwt: { clientId: CONSUMER_KEY, username: $username, privateKeyFile: server.key }
  3. Session Settings: clear "Lock sessions to the IP address from which they originated".
     Salesforce Files settings: enable "Content Deliveries feature can be enabled for users".
  4. orgwarden doctor --org orgwarden   (checks every prerequisite and says how to fix what fails)
EOF
