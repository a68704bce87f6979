#!/usr/bin/env bash
# TCP banners (HTTP, SSH, RTSP, FTP, SMTP, telnet) on chosen ports, synchronously.
#   TARGET=192.168.1.20 PORTS=22,80,554 ./examples/banner.sh
. "$(dirname "$0")/_common.sh"
post_scan "{\"targets\":[\"$TARGET\"],\"probe\":{\"type\":\"tcp-banner\",\"ports\":[${PORTS:-22,80,554}]},\"mode\":\"sync\"}"
