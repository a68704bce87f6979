# Shared by the example scripts: where the service is and who we are.
#   PSCAN_URL   default http://127.0.0.1:8080
#   PSCAN_TOKEN a JWT (npm run --silent token -- --scopes scans:read,scans:write)
set -euo pipefail
PSCAN_URL=${PSCAN_URL:-http://127.0.0.1:8080}
: "${PSCAN_TOKEN:?set PSCAN_TOKEN (npm run --silent token -- --scopes scans:read,scans:write)}"
: "${TARGET:?set TARGET to the address (or CIDR) to probe}"

# post_scan JSON: POSTs a scan and prints the answer; fails on any HTTP error, printing the problem.
post_scan() {
  curl -sS --fail-with-body -X POST "$PSCAN_URL/v1/scans" \
    -H "Authorization: Bearer $PSCAN_TOKEN" -H 'Content-Type: application/json' -d "$1"
  echo
}
