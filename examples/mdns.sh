#!/usr/bin/env bash
# A multicast mDNS query; answers kept from the targets (a subnet works).
#   TARGET=192.168.1.0/24 NAME=_googlecast._tcp.local ./examples/mdns.sh
. "$(dirname "$0")/_common.sh"
post_scan "{\"targets\":[\"$TARGET\"],\"probe\":{\"type\":\"mdns\",\"name\":\"${NAME:-_googlecast._tcp.local}\"},\"mode\":\"sync\"}"
