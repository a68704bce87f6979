#!/usr/bin/env bash
# SSDP M-SEARCH, with the UPnP description behind LOCATION.
#   TARGET=192.168.1.0/24 ./examples/ssdp.sh
. "$(dirname "$0")/_common.sh"
post_scan "{\"targets\":[\"$TARGET\"],\"probe\":{\"type\":\"ssdp\",\"mx\":${MX:-2},\"fetchDescription\":true},\"mode\":\"sync\"}"
