# Sourced by the .ci/install-*.sh scripts that build from the Go module proxy: sets GO to the go
# command (on PATH, else the machine's /usr/local/go), or to "" when there is none.
GO=$(command -v go || true)
if [ -z "$GO" ] && [ -x /usr/local/go/bin/go ]; then
  GO=/usr/local/go/bin/go
fi
