#!/usr/bin/env bash
# Installs what the project needs on Debian 12, idempotently, and is quick when all is there:
# bubblewrap and the sandbox's Python data stack (Debian packages: PyPI is not needed), util-linux
# tools for limits, mount and e2fsprogs for the sessions' own disks, and the npm tools (Azurite, the
# Bicep syntax check, the MCP test client).
# Usage: scripts/setup.sh [--quiet]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
quiet=false; [ "${1:-}" = "--quiet" ] && quiet=true
say() { $quiet || echo "setup: $*"; }

apt_packages=(
  bubblewrap util-linux mount e2fsprogs python3 python3-seccomp
  python3-numpy python3-pandas python3-matplotlib python3-seaborn python3-scipy
  python3-reportlab python3-openpyxl python3-pil python3-yaml python3-tabulate
  python3-ipykernel python3-jupyter-client
  # the contract's file types (HDF5, NetCDF, .xls, Word, OpenDocument, Markdown, HTML, notebooks, PDF) and analysis
  python3-h5py python3-tables python3-netcdf4 python3-xarray python3-xlrd python3-xlwt python3-docx python3-odf
  python3-markdown python3-jinja2 python3-bs4 python3-lxml python3-nbformat python3-nbconvert python3-pypdf
  python3-sklearn python3-statsmodels python3-plotly python3-networkx
  fonts-dejavu-core curl
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm tools live in their own folders with committed lock files; installed only when the lock changed.
for tool in "$root"/tools/*/; do
  [ -f "$tool/package-lock.json" ] && "$root/scripts/install-npm-tool.sh" "$(basename "$tool")"
done
say "ok"
