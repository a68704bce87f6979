#!/usr/bin/env bash
# Device type from open TCP ports against a catalogue (default: the paper's Table I): `consistent`
# with the catalogue ports left unchecked, or `exact` with EXACT=true (every catalogue port probed).
#   TARGET=192.168.1.0/28 CATALOG=default EXACT=true ./examples/classify.sh
. "$(dirname "$0")/_common.sh"
post_scan "{\"targets\":[\"$TARGET\"],\"probe\":{\"type\":\"classify\",\"catalog\":\"${CATALOG:-default}\",\"exact\":${EXACT:-false}},\"mode\":\"sync\"}"
