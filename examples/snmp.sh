#!/usr/bin/env bash
# SNMP v2c get of sysDescr, sysObjectID and sysName.
#   TARGET=192.168.1.20 COMMUNITY=public ./examples/snmp.sh
. "$(dirname "$0")/_common.sh"
post_scan "{\"targets\":[\"$TARGET\"],\"probe\":{\"type\":\"snmp\",\"operation\":\"get\",\"oids\":[\"1.3.6.1.2.1.1.1.0\",\"1.3.6.1.2.1.1.2.0\",\"1.3.6.1.2.1.1.5.0\"],\"community\":\"${COMMUNITY:-public}\"},\"mode\":\"sync\"}"
