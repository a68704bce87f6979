#!/usr/bin/env bash
# A SOAR playbook step, "characterise this IP": an asynchronous scan whose finished result is
# POSTed, signed, to the playbook's webhook (verify it with examples/webhook-receiver.mjs).
# Prints the scan id; the answer arrives at WEBHOOK_URL as scan.completed.
#   TARGET=192.168.1.20 WEBHOOK_URL=https://soar.example/hooks/pscan WEBHOOK_SECRET=whsec_... ./examples/soar-characterise-ip.sh
. "$(dirname "$0")/_common.sh"
: "${WEBHOOK_URL:?set WEBHOOK_URL}"
webhook="{\"url\": \"$WEBHOOK_URL\"${WEBHOOK_SECRET:+, \"secret\": \"$WEBHOOK_SECRET\"}}"
post_scan "{
  \"targets\": [\"$TARGET\"],
  \"probes\": [
    {\"type\": \"tcp-banner\", \"ports\": [21, 22, 23, 80, 443, 554, 8080]},
    {\"type\": \"snmp\", \"operation\": \"get\", \"oids\": [\"1.3.6.1.2.1.1.5.0\", \"1.3.6.1.2.1.1.1.0\", \"1.3.6.1.2.1.1.2.0\"], \"community\": \"${COMMUNITY:-public}\"},
    {\"type\": \"classify\", \"catalog\": \"${CATALOG:-default}\"}
  ],
  \"webhook\": $webhook,
  \"labels\": {\"source\": \"soar\", \"case\": \"${CASE_ID:-C-0000}\"}
}"
