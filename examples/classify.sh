#!/usr/bin/env bash
# Device type from open TCP ports, confirmed, against a catalogue (default: the paper's Table I).
#   TARGET=192.168.1.0/28 CATALOG=default ./examples/classify.sh
. "$(dirname "$0")/_common.sh"
post_scan "{\"targets\":[\"$TARGET\"],\"probe\":{\"type\":\"classify\",\"catalog\":\"${CATALOG:-default}\"},\"mode\":\"sync\"}"
