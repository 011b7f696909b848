#!/usr/bin/env bash
# Release: cross-compiles tebiki for every platform staff use, into dist/
# (ignored by git), with the version stamped in (tebiki version prints it).
#
#   scripts/release.sh [VERSION]      # default: git describe --tags --always --dirty
#
# Writes dist/VERSION/tebiki_VERSION_OS_ARCH.{tar.gz,zip}, each holding the
# executable and README.md, and dist/VERSION/SHA256SUMS. Needs Go, git, tar
# and zip. The checker is embedded, so the binaries need nothing else.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version=${1:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
case $version in
  */*|*' '*|'') echo "release: bad version '$version'" >&2; exit 2 ;;
esac
targets="linux/amd64 linux/arm64 windows/amd64 darwin/arm64"

# The embedded checker must match wasm/ (else: go generate ./generator/internal/wasmbuild).
go test -count=1 ./generator/internal/wasmbuild -run '^TestEmbeddedIsCurrent$' >/dev/null ||
  { go test -count=1 ./generator/internal/wasmbuild -run '^TestEmbeddedIsCurrent$'; exit 1; }

dist=dist/$version
mkdir -p "$dist"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sums=()
for target in $targets; do
  os=${target%/*} arch=${target#*/}
  name=tebiki_${version}_${os}_${arch}
  exe=tebiki
  [ "$os" = windows ] && exe=tebiki.exe
  mkdir -p "$work/$name"
  GOOS=$os GOARCH=$arch CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X main.version=$version" -o "$work/$name/$exe" ./generator/cmd/tebiki
  cp README.md "$work/$name/"
  if [ "$os" = windows ]; then
    archive=$name.zip
    rm -f "$dist/$archive"
    (cd "$work" && zip -qrX "$OLDPWD/$dist/$archive" "$name")
  else
    archive=$name.tar.gz
    tar -C "$work" --owner=0 --group=0 --numeric-owner -czf "$dist/$archive" "$name"
  fi
  sums+=("$archive")
  echo "release: $dist/$archive"
done
(cd "$dist" && sha256sum "${sums[@]}" > SHA256SUMS)
echo "release: $dist/SHA256SUMS"
