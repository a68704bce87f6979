#!/usr/bin/env bash
# The pScan IoT lab: real Debian daemons in network namespaces on one isolated bridge.
#
#   bash test/lab/lab.sh up | down | status
#
# Isolation: the bridge lives in its own namespace (pscan-lab), every host is a namespace joined
# to it by a veth pair, no namespace has a default route or any link to the host's interfaces,
# and the scanner namespace's nftables output policy only lets packets leave for the lab subnet,
# multicast on the lab link, and its own loopback. Addresses: 198.18.77.0/24 (RFC 2544 range).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUN="$ROOT/.lab"
NET=198.18.77
BR_NS=pscan-lab
SCANNER=pscan-scanner
# name:last-octet
HOSTS=(router:1 scanner:10 cam:21 printer:22 nas:23 cast:24 closed:30 dropped:31 hostile:32 sensor-a2:40)
# Devices carry MACs of their makers' registered OUIs (IEEE), as real ones do; the rest keep the
# random, locally administered MAC the kernel gives a veth.
declare -A MACS=([router]=00:00:0c:77:00:01 [cam]=c0:56:e3:77:00:21 [printer]=3c:2a:f4:77:00:22 [nas]=00:11:32:77:00:23 [cast]=f4:f5:d8:77:00:24 [closed]=50:c7:bf:77:00:30)
# Off-link: a host behind the router, on its own subnet, so the scanner reaches it through a gateway.
NET_R=198.18.79
# Site B: a second subnet on its own bridge, reached only by its own sensor (multicast stays in it).
NET_B=198.18.78
HOSTS_B=(sensor-b:10 kitchen:24)

ns() { echo "pscan-$1"; }
log() { echo "lab: $*"; }

need() {
  for cmd in ip nft snmpd avahi-daemon minidlnad lighttpd dropbear dropbearkey wsdd node; do
    command -v "$cmd" >/dev/null || { echo "lab: $cmd is missing (see .ci/run for the packages)" >&2; exit 1; }
  done
  command -v rtsp-server-perl >/dev/null || { echo "lab: rtsp-server-perl is missing (see .ci/run)" >&2; exit 1; }
}

start() { # start NAME LOGNAME CMD... : run CMD inside namespace NAME in the background, record its pid
  local name=$1 logname=$2; shift 2
  ip netns exec "$(ns "$name")" "$@" >"$RUN/$logname.log" 2>&1 &
  echo $! >"$RUN/$logname.pid"
}

# Runs a daemon with a private /run and /var/run, so several instances of one daemon (avahi
# keeps a fixed pid file) can live side by side, each in its own namespace.
start_private() {
  local name=$1 logname=$2; shift 2
  ip netns exec "$(ns "$name")" unshare -m sh -c 'mount -t tmpfs tmpfs /run && mkdir -p /run/avahi-daemon /run/dbus && exec "$@"' sh "$@" >"$RUN/$logname.log" 2>&1 &
  echo $! >"$RUN/$logname.pid"
}

wait_port() { # wait_port tcp|udp NAME PORT: until a daemon listens there (10 s at most)
  local flag=-ltn
  [ "$1" = udp ] && flag=-lun
  for _ in $(seq 1 100); do
    ip netns exec "$(ns "$2")" ss "$flag" | grep -q ":$3 " && return 0
    sleep 0.1
  done
  echo "lab: nothing listens on $1 $3 in $(ns "$2")" >&2
  return 1
}

attach() { # attach NAME NET OCTET BRIDGE: a host namespace with eth0 on the bridge
  local name=$1 net=$2 octet=$3 bridge=$4 n
  n=$(ns "$name")
  ip netns add "$n"
  ip link add eth0 netns "$n" type veth peer name "v-$name" netns "$BR_NS"
  ip -n "$BR_NS" link set "v-$name" master "$bridge" up
  ip -n "$n" link set lo up
  ip -n "$n" addr add "$net.$octet/24" dev eth0
  [ -n "${MACS[$name]:-}" ] && ip -n "$n" link set eth0 address "${MACS[$name]}"
  ip -n "$n" link set eth0 up multicast on
  ip -n "$n" route add 224.0.0.0/4 dev eth0
  ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
}

guard() { # guard NAME NET [NET...]: whatever runs in NAME may only send to these lab subnets and multicast
  local name=$1 rules="" net
  shift
  for net in "$@"; do rules+="    ip daddr $net.0/24 accept"$'\n'; done
  ip netns exec "$(ns "$name")" nft -f - <<EOF
table inet pscan_guard {
  chain out {
    type filter hook output priority 0; policy drop;
    oifname "lo" accept
$rules
    ip daddr 224.0.0.0/4 oifname "eth0" accept
    ip daddr 239.0.0.0/8 oifname "eth0" accept
  }
}
EOF
}

network_up() {
  ip netns add "$BR_NS"
  ip -n "$BR_NS" link set lo up
  for bridge in br0 br1; do
    ip -n "$BR_NS" link add "$bridge" type bridge mcast_snooping 0
    ip -n "$BR_NS" link set "$bridge" up
  done
  for entry in "${HOSTS[@]}"; do attach "${entry%%:*}" "$NET" "${entry##*:}" br0; done
  for entry in "${HOSTS_B[@]}"; do attach "${entry%%:*}" "$NET_B" "${entry##*:}" br1; done
  # The router forwards between the lab subnet and the remote one; only the scanner routes through it.
  ip netns add "$(ns remote)"
  ip link add eth0 netns "$(ns remote)" type veth peer name eth1 netns "$(ns router)"
  ip -n "$(ns router)" addr add "$NET_R.1/24" dev eth1
  ip -n "$(ns router)" link set eth1 up
  ip netns exec "$(ns router)" sysctl -qw net.ipv4.ip_forward=1
  ip -n "$(ns remote)" link set lo up
  ip -n "$(ns remote)" addr add "$NET_R.2/24" dev eth0
  ip -n "$(ns remote)" link set eth0 up
  ip -n "$(ns remote)" route add default via "$NET_R.1"
  ip -n "$(ns scanner)" route add "$NET_R.0/24" via "$NET.1"
  # Probes leave from the scanner and the sensors only.
  guard scanner "$NET" "$NET_R"
  guard sensor-a2 "$NET"
  guard sensor-b "$NET_B"
  ip netns exec "$(ns dropped)" nft -f - <<'EOF'
table inet drop_all {
  chain in { type filter hook input priority 0; policy drop; iifname "lo" accept; }
}
EOF
}

configure_snmpd() { # configure_snmpd NAME IP
  local name=$1 ip=$2 dir="$RUN/snmpd-$1"
  mkdir -p "$dir/persist"
  cp "$HERE/devices/snmpd-$name.conf" "$dir/snmpd.conf"
  echo "[snmp] persistentDir $dir/persist" >"$dir/snmp.conf"
  start "$name" "snmpd-$name" env SNMPCONFPATH="$dir" snmpd -f -C -c "$dir/snmpd.conf" -Lf "$RUN/snmpd-$name.trace" -p "$dir/pid" "udp:$ip:161"
  wait_port udp "$name" 161
}

configure_avahi() { # configure_avahi NAME HOSTNAME
  local name=$1 host=$2 etc="/etc/netns/$(ns "$1")/avahi"
  mkdir -p "$etc/services"
  cat >"$etc/avahi-daemon.conf" <<EOF
[server]
host-name=$host
domain-name=local
use-ipv4=yes
use-ipv6=no
allow-interfaces=eth0
enable-dbus=no
ratelimit-interval-usec=1000000
ratelimit-burst=1000
[wide-area]
enable-wide-area=no
[publish]
publish-addresses=yes
publish-hinfo=no
publish-workstation=no
[reflector]
[rlimits]
EOF
  cp "$HERE"/devices/avahi-"$name"-*.service "$etc/services/"
  start_private "$name" "avahi-$name" avahi-daemon --no-drop-root --no-chroot --no-rlimits --no-proc-title
  wait_port udp "$name" 5353
}

daemons_up() {
  mkdir -p "$RUN"
  # cam: a web UI (lighttpd), SSH (dropbear) and an RTSP server (rtsp-server-perl)
  mkdir -p "$RUN/www-cam"
  cp "$HERE/devices/cam-index.html" "$RUN/www-cam/index.html"
  sed "s|@DOCROOT@|$RUN/www-cam|; s|@BIND@|$NET.21|" "$HERE/devices/lighttpd-cam.conf" >"$RUN/lighttpd-cam.conf"
  start cam lighttpd-cam lighttpd -D -f "$RUN/lighttpd-cam.conf"
  [ -f "$RUN/dropbear-cam.key" ] || dropbearkey -t ed25519 -f "$RUN/dropbear-cam.key" >/dev/null 2>&1
  start cam dropbear-cam dropbear -F -E -s -p "$NET.21:22" -r "$RUN/dropbear-cam.key" -P "$RUN/dropbear-cam.pidfile"
  start cam rtsp-cam rtsp-server-perl --clientport 554 --client_listen_address "$NET.21" --serverport 5545 --source_listen_address 127.0.0.1
  wait_port tcp cam 80
  wait_port tcp cam 22
  wait_port tcp cam 554

  # printer: SNMP v2c with a non-default community, and IPP over DNS-SD
  configure_snmpd printer "$NET.22"
  configure_avahi printer printer-lab

  # nas: a real UPnP/SSDP media server (minidlna), SNMP v3 authPriv, and WS-Discovery (wsdd, as a
  # Samba host announces itself to Windows; it needs no Samba), with a fixed endpoint UUID
  mkdir -p "$RUN/minidlna/media" "$RUN/minidlna/db"
  sed "s|@RUN@|$RUN/minidlna|g" "$HERE/devices/minidlna-nas.conf" >"$RUN/minidlna/minidlna.conf"
  start nas minidlna-nas minidlnad -S -f "$RUN/minidlna/minidlna.conf" -P "$RUN/minidlna/pid" -r
  configure_snmpd nas "$NET.23"
  wait_port tcp nas 8200
  wait_port udp nas 1900
  start nas wsdd-nas wsdd -i eth0 -4 -n nas-lab -w LAB -U "$(node -e "process.stdout.write(require('$HERE/devices.json').devices.nas.wsd.uuid)")"
  wait_port udp nas 3702
  wait_port tcp nas 5357

  # cast: a Google Cast-like speaker announced over mDNS
  configure_avahi cast cast-lab

  # hostile: endless and trickling banners, garbage answers to SNMP, SSDP and mDNS
  start hostile hostile node "$HERE/hostile.mjs" "$NET.32"
  wait_port tcp hostile 1000
  wait_port udp hostile 161

  # site B, kitchen: a Cast-like speaker (mDNS) that also answers SSH
  configure_avahi kitchen kitchen-lab
  start kitchen dropbear-kitchen dropbear -F -E -s -p "$NET_B.24:22" -r "$RUN/dropbear-cam.key" -P "$RUN/dropbear-kitchen.pidfile"
  wait_port tcp kitchen 22

  # remote: off-link, behind the router; SSH only
  start remote dropbear-remote dropbear -F -E -s -p "$NET_R.2:22" -r "$RUN/dropbear-cam.key" -P "$RUN/dropbear-remote.pidfile"
  wait_port tcp remote 22
}

up() {
  need
  down quiet
  log "networks $NET.0/24 and $NET_B.0/24 on bridges in $BR_NS"
  network_up
  log "daemons"
  daemons_up
  log "up: $(ip netns list | grep -c '^pscan-') namespaces"
}

down() {
  if [ -d "$RUN" ]; then
    for pid in "$RUN"/*.pid; do
      [ -e "$pid" ] || continue
      kill "$(cat "$pid")" 2>/dev/null || true
    done
  fi
  # Anything still running inside a lab namespace goes too (daemons that forked).
  for n in $(ip netns list 2>/dev/null | awk '/^pscan-/{print $1}'); do
    for pid in $(ip netns pids "$n" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$n" 2>/dev/null || true
  done
  rm -rf /etc/netns/pscan-*
  rm -rf "$RUN"
  [ "${1:-}" = quiet ] || log "down"
}

status() {
  local any=0
  for n in $(ip netns list 2>/dev/null | awk '/^pscan-/{print $1}'); do
    any=1
    echo "$n: $(ip -n "$n" -4 -o addr show dev eth0 2>/dev/null | awk '{print $4}') pids: $(ip netns pids "$n" | tr '\n' ' ')"
  done
  [ $any = 1 ] || echo "lab: down"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
