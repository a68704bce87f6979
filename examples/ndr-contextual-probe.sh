#!/usr/bin/env bash
# The NDR "contextual probe" of the pScan paper: the passive view lacks a fact, so ask the device
# once, politely: SNMP sysName/sysDescr, an HTTP probe on a port that has been idle for long, and
# a Google Cast mDNS query. One synchronous scan, fragile profile.
#   TARGET=192.168.1.20 COMMUNITY=public IDLE_PORT=8080 ./examples/ndr-contextual-probe.sh
. "$(dirname "$0")/_common.sh"
post_scan "{
  \"targets\": [\"$TARGET\"],
  \"probes\": [
    {\"type\": \"snmp\", \"operation\": \"get\", \"oids\": [\"1.3.6.1.2.1.1.5.0\", \"1.3.6.1.2.1.1.1.0\"], \"community\": \"${COMMUNITY:-public}\"},
    {\"type\": \"tcp-banner\", \"ports\": [${IDLE_PORT:-8080}]},
    {\"type\": \"mdns\", \"name\": \"_googlecast._tcp.local\", \"unicast\": true}
  ],
  \"profile\": \"fragile\",
  \"mode\": \"sync\",
  \"labels\": {\"source\": \"ndr\", \"alert\": \"${ALERT_ID:-A-0000}\"}
}"
