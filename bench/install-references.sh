#!/bin/sh
# The reference libraries for `npm run bench -- --compare`, from Debian's packages (as root):
# python-igraph and networkx for the system python3. Not needed for reports or tests.
set -eu
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get not found: install python3 with igraph and networkx by other means" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-igraph python3-networkx
