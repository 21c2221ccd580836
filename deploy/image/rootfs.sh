#!/usr/bin/env bash
# The file system that Jib lays over `scratch` (see the `image` profile in pom.xml): a distroless
# root with just what the JVM loads. glibc, zlib, libstdc++ and libgcc from Debian's packages
# (with their dpkg records, so `kube4c sbom` and vulnerability scans see them), a Java runtime cut
# down by jlink to the modules kube4c uses, the JDK's CA certificates, and the nonroot user
# (65532) of distroless images. No shell, no package manager. Usage: deploy/image/rootfs.sh OUT
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?usage: rootfs.sh OUT}"
packages=(libc6 zlib1g libstdc++6 libgcc-s1)
# jdeps --print-module-deps on target/kube4c.jar, plus the providers it cannot see: EC keys
# (TLS, cosign signatures), DNS (JNDI), and zipfs.
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http
modules+=,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported
modules+=,jdk.zipfs

rm -rf "$out" && mkdir -p "$out"
debs="$(mktemp -d)"
trap 'rm -rf "$debs"' EXIT
chmod a+rwx "$debs" # apt downloads as its own user
(cd "$debs" && apt-get download -qq "${packages[@]}" >/dev/null)
mkdir -p "$out/var/lib/dpkg/status.d"
for deb in "$debs"/*.deb; do
  dpkg-deb -x "$deb" "$out"
  name="$(dpkg-deb -f "$deb" Package)"
  # One status file per package, as distroless images keep them.
  { dpkg-deb -f "$deb" Package Version Architecture Maintainer Source Multi-Arch Depends Description
    echo "Status: install ok installed"; } >"$out/var/lib/dpkg/status.d/$name"
done
rm -rf "$out/usr/share/doc" "$out/usr/share/lintian" "$out/usr/share/locale" "$out/usr/share/man" \
  "$out/usr/share/gcc" "$out/usr/share/gdb" "$out/usr/lib/x86_64-linux-gnu/gconv" \
  "$out/usr/lib/x86_64-linux-gnu/audit" "$out/usr/libexec" "$out/sbin" "$out/usr/bin" "$out/etc/ld.so.conf.d"

jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$out/opt/java"
# Debian's JDK links its trust store to /etc/ssl/certs; the image keeps the file itself.
cp -L "$(dirname "$(readlink -f "$(command -v java)")")/../lib/security/cacerts" \
  "$out/opt/java/lib/security/cacerts"

# Jib copies files, not links: each link becomes a copy of its target inside the root (absolute
# links resolved against the root, not against this machine).
find "$out" -type l | while read -r link; do
  target="$(readlink "$link")"
  case "$target" in
    /*) resolved="$out$target" ;;
    *) resolved="$(dirname "$link")/$target" ;;
  esac
  rm "$link"
  if [ -e "$resolved" ]; then cp -L "$resolved" "$link"; fi
done

mkdir -p "$out/etc" "$out/tmp" "$out/home/nonroot"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
  >"$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$out/etc/group"
cp /etc/os-release "$out/etc/os-release" 2>/dev/null || true
echo "rootfs: $(du -sh "$out" | cut -f1) in $out (kube4c $(grep -m1 -o '<version>[^<]*' "$here/pom.xml" | cut -d'>' -f2))"
