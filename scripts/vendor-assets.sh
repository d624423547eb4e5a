#!/usr/bin/env bash
# Re-create src/sangsaeng/static/vendor/ from pinned npm packages.
#
# The app runs offline (government intranet), so every front-end asset is
# vendored into the Python package. This script is the only way those files
# get there: it `npm pack`s the exact versions below into a temporary
# directory, checks each tarball against the pinned integrity hash, and copies
# only the files we use (plus their licences). See THIRD_PARTY.md.
#
# Usage: scripts/vendor-assets.sh        (needs node/npm and the npm registry)
#
# To upgrade a package: change its version AND integrity below
# (`npm view NAME@VERSION dist.integrity`), re-run, review the diff, and
# update THIRD_PARTY.md.
set -euo pipefail

HTMX_VERSION=2.0.11
HTMX_INTEGRITY='sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=='

KRDS_VERSION=1.1.0
KRDS_INTEGRITY='sha512-4cjL3cpnlTaDrkivVceDpWhHxUYgV2AhiRRbO74I8ZKlnM17BcutEjPOlMOz9RQGAmdEubTsSYoyKFhvD1/g+A=='

CHARTJS_VERSION=4.6.1
CHARTJS_INTEGRITY='sha512-hJyniucsFmq//EvXYvJ6c6mahPoI3kaxdjVH8awTaJ/fDNWeSqqqArixMJWkWNN6fcYvPU3HneSANFNYtRi61g=='

PRETENDARD_GOV_VERSION=1.3.9
PRETENDARD_GOV_INTEGRITY='sha512-U9bEVWfBoM5AUAM2yJvmbffrt4oO//onVbKOIzy/pEU0SEP+6O/YmOxGgYaMgDr+zmqhDGhSwQqOnBFSgmp4bQ=='

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/src/sangsaeng/static/vendor"

command -v npm >/dev/null || { echo "error: npm is required" >&2; exit 1; }
command -v node >/dev/null || { echo "error: node is required" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# fetch NAME VERSION INTEGRITY -> unpacks into $WORK/NAME/package
fetch() {
    local name="$1" version="$2" integrity="$3" tgz got
    echo "==> npm pack $name@$version" >&2
    mkdir -p "$WORK/$name"
    tgz="$(cd "$WORK/$name" && npm pack --silent "$name@$version" | tail -n 1)"
    # Verify the tarball ourselves, independent of npm's cache.
    got="sha512-$(openssl dgst -sha512 -binary "$WORK/$name/$tgz" | openssl base64 -A)"
    if [[ "$got" != "$integrity" ]]; then
        echo "error: integrity mismatch for $name@$version" >&2
        echo "  expected $integrity" >&2
        echo "  got      $got" >&2
        exit 1
    fi
    tar -xzf "$WORK/$name/$tgz" -C "$WORK/$name"
}

# put SRC DEST_FILE: copy one file, failing loudly if upstream moved it
put() {
    [[ -f "$1" ]] || { echo "error: missing in package: $1" >&2; exit 1; }
    install -D -m 0644 "$1" "$2"
}

fetch htmx.org "$HTMX_VERSION" "$HTMX_INTEGRITY"
fetch krds-uiux "$KRDS_VERSION" "$KRDS_INTEGRITY"
fetch pretendard-gov "$PRETENDARD_GOV_VERSION" "$PRETENDARD_GOV_INTEGRITY"
fetch chart.js "$CHARTJS_VERSION" "$CHARTJS_INTEGRITY"

# Start from a clean tree so that files dropped here also disappear there.
rm -rf "$DEST"
mkdir -p "$DEST"

# --- htmx ------------------------------------------------------------------
P="$WORK/htmx.org/package"
put "$P/dist/htmx.min.js" "$DEST/htmx/htmx.min.js"
put "$P/LICENSE"          "$DEST/htmx/LICENSE"

# --- KRDS (design tokens only) ---------------------------------------------
# Only the generated token stylesheet (CSS custom properties for colour,
# typography, spacing, radius). The component CSS (~540 kB, plus icon images)
# and common.css (a global reset that sets html{font-size:62.5%} and styles
# bare input/label/textarea) are deliberately not vendored: app.css
# implements our own class contract on top of the tokens.
P="$WORK/krds-uiux/package"
put "$P/resources/css/token/krds_tokens.css" "$DEST/krds/krds_tokens.css"
# The package ships no licence file; package.json declares "ISC".
node -e '
const p = require(process.argv[1]);
if (p.license !== "ISC") { console.error("error: krds-uiux licence is now " + p.license); process.exit(1); }
const author = typeof p.author === "string" ? p.author : (p.author && p.author.name) || "krds";
process.stdout.write(`krds-uiux ${p.version}: no licence file is shipped in the npm package.
Its package.json declares "license": "${p.license}", "author": "${author}".
The package README adds that use follows the KRDS terms of use (이용약관)
published by the Korean government on the KRDS website.

ISC License

Copyright (c) ${author}

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
`);
' "$P/package.json" > "$DEST/krds/LICENSE"

# --- Pretendard GOV ----------------------------------------------------------
# Static (full glyph set, not the dynamic-subset splits) woff2 for the web,
# OTF Regular/Bold for PDF rendering.
P="$WORK/pretendard-gov/package"
for w in Regular Medium SemiBold Bold; do
    put "$P/dist/web/static/woff2/PretendardGOV-$w.woff2" "$DEST/pretendard-gov/woff2/PretendardGOV-$w.woff2"
done
for w in Regular Bold; do
    put "$P/dist/public/static/PretendardGOV-$w.otf" "$DEST/pretendard-gov/otf/PretendardGOV-$w.otf"
done
put "$P/dist/LICENSE.txt" "$DEST/pretendard-gov/LICENSE.txt"

# --- Chart.js (the dashboards) ------------------------------------------------
# The UMD build, without its last line: a sourceMappingURL to a map we do not ship, which the manifest
# static storage would otherwise try to resolve (collectstatic fails).
P="$WORK/chart.js/package"
put "$P/dist/chart.umd.min.js" "$WORK/chart.umd.min.js"
grep -v '^//# sourceMappingURL=' "$WORK/chart.umd.min.js" > "$WORK/chart.umd.nomap.js"
put "$WORK/chart.umd.nomap.js" "$DEST/chartjs/chart.umd.min.js"
put "$P/LICENSE.md" "$DEST/chartjs/LICENSE.md"

echo "==> vendored into ${DEST#"$ROOT"/}:" >&2
(cd "$DEST" && find . -type f | sort | xargs du -k --apparent-size) >&2
du -sh --apparent-size "$DEST" >&2
