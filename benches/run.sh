#!/usr/bin/env bash
# The benchmark suite of BENCHMARKS.md: every row of its tables, each as a median, with the
# peers (Zola, Hugo) built from the same corpus in the same run where they are installed, so
# ratios hold on a noisy machine. Not part of the tests: run it by hand on a quiet machine.
#
#   benches/run.sh             # pages (1k, 10k), one section vs 300 (60k), 10k plans clean
#                              # and again, first search, serve latency
#   benches/run.sh --large     # also 100k pages and 100k plans (about 14 GB in $BENCH_DIR)
#
# Needs hyperfine and /usr/bin/time (Debian: hyperfine, time). `zola` and `hugo` are optional:
# on PATH, or named by $ZOLA and $HUGO (Zola is not packaged by Debian; BENCHMARKS.md says
# how to build it from its source). The search row needs tests/browser's node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."

large=false
[ "${1:-}" = "--large" ] && large=true
runs=${RUNS:-10}
dir=${BENCH_DIR:-/dev/shm/senda-bench}
zola=${ZOLA:-$(command -v zola || true)}
hugo=${HUGO:-$(command -v hugo || true)}
mkdir -p "$dir"

cargo build --release --quiet --bin senda --example corpus
senda=$PWD/target/release/senda
corpus=$PWD/target/release/examples/corpus

# corpus NAME ARGS...: writes the corpus once; the same arguments always give the same bytes.
corpus() {
  local name=$1
  shift
  [ -d "$dir/$name" ] || "$corpus" --out "$dir/$name" --seed 1 --theme minimal "$@" >/dev/null
}

# peak_mib CMD...: peak resident memory, median of three runs, each into a fresh folder.
peak_mib() {
  local peaks=()
  for _ in 1 2 3; do
    rm -rf "$dir/out"
    peaks+=("$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)")
  done
  printf '%s\n' "${peaks[@]}" | sort -n | sed -n 2p | awk '{ printf "%.0f", $1 / 1024 }'
}

# median_s CMD [PREPARE]: wall time median over $runs runs; by default each run writes into
# a fresh output folder.
median_s() {
  hyperfine --style none --warmup 1 --runs "$runs" --prepare "${2:-rm -rf $dir/out}" \
    --export-json "$dir/h.json" "$1" >/dev/null
  python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$dir/h.json"
}

ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }

# zola_site NAME: the corpus NAME as a Zola site: the minimal theme's templates (Zola reads
# Tera too), over them benches/zola's config and the two templates whose variables differ.
zola_site() {
  local site=$dir/zola-$1
  if [ ! -d "$site" ]; then
    mkdir -p "$site/templates"
    cp benches/theme/minimal/templates/{base,page,404}.html "$site/templates/"
    cp -r benches/zola/. "$site/"
    cp -r "$dir/$1/content" "$site/content"
  fi
  echo "$site"
}

# peer_build NAME PEER: the median wall time and peak of PEER building corpus NAME, or "- -".
peer_build() {
  local cmd
  case $2 in
    zola) [ -n "$zola" ] || { echo "- -"; return; }
      cmd="$zola --root $(zola_site "$1") build --force --output-dir $dir/out" ;;
    hugo) [ -n "$hugo" ] || { echo "- -"; return; }
      cmd="$hugo --quiet --source $PWD/benches/hugo --contentDir $dir/$1/content --destination $dir/out" ;;
  esac
  # shellcheck disable=SC2086
  echo "$(median_s "$cmd") $(peak_mib $cmd)"
}

echo "| measure | senda | Zola | senda / Zola | Hugo | senda / Hugo |"
echo "|---|---|---|---|---|---|"
read -ra sizes <<<"${SIZES:-1000 10000}"
$large && sizes+=(100000)
for pages in "${sizes[@]}"; do
  name=pages-$pages
  corpus "$name" --pages "$pages" --sections $((pages >= 100000 ? 1000 : 100)) --plans 0
  s=$(median_s "$senda build --root $dir/$name --output $dir/out")
  sm=$(peak_mib "$senda" build --root "$dir/$name" --output "$dir/out")
  read -r z zm < <(peer_build "$name" zola)
  read -r h hm < <(peer_build "$name" hugo)
  zr=-; hr=-; zmr=-; hmr=-
  [ "$z" = - ] || { zr=$(ratio "$s" "$z"); zmr=$(ratio "$sm" "$zm"); }
  [ "$h" = - ] || { hr=$(ratio "$s" "$h"); hmr=$(ratio "$sm" "$hm"); }
  row "clean build, $pages pages (s)" "$s" "$z" "$zr" "$h" "$hr"
  row "peak memory, $pages pages (MiB)" "$sm" "$zm" "$zmr" "$hm" "$hmr"
  c=$(median_s "$senda check --root $dir/$name")
  row "check, $pages pages (s)" "$c" - - - -
done

# 60,000 pages in one section against the same pages in 300: the cost of a big section.
corpus one-section --pages 60000 --sections 1 --plans 0
corpus sections-300 --pages 60000 --sections 300 --plans 0
one=$(RUNS=3 median_s "$senda build --root $dir/one-section --output $dir/out")
many=$(RUNS=3 median_s "$senda build --root $dir/sections-300 --output $dir/out")
row "clean build, 60k pages: 1 section / 300 sections (s)" "$one / $many = $(ratio "$one" "$many")" - - - -

# plans_rows NAME RUNS: a clean build of a plans corpus, then `senda build` again with
# nothing changed and with one plan changed (a comment appended, different every run), and
# the check that the second kind of build gives a clean build's bytes.
plans_rows() {
  local name=$1 n=$2 site=$dir/$1 plan
  plan=$(find "$site/content/planes" -name '*.toml' | sort | head -1)
  local clean again one
  clean=$(RUNS=$n median_s "$senda build --clean --root $site --output $dir/out")
  local m
  m=$(peak_mib "$senda" build --clean --root "$site" --output "$dir/out")
  again=$(RUNS=$n median_s "$senda build --root $site --output $dir/out" true)
  one=$(RUNS=$n median_s "$senda build --root $site --output $dir/out" \
    "python3 -c 'import sys, time; open(sys.argv[1], \"a\").write(\"# %r\\n\" % time.time())' $plan")
  rm -rf "$dir/clean"
  "$senda" build --clean --root "$site" --output "$dir/clean" >/dev/null 2>&1
  local same=identical
  diff -r -q -x '.senda-*' "$dir/out" "$dir/clean" >/dev/null || same=DIFFERENT
  row "clean build, $name (s)" "$clean" - - - -
  row "peak memory, $name (MiB)" "$m" - - - -
  row "build again, nothing changed, $name (s)" "$again = $(ratio "$again" "$clean") x clean" - - - -
  row "build again, one plan changed, $name (s)" "$one = $(ratio "$one" "$clean") x clean, $same" - - - -
}
corpus plans-10k --pages 1000 --sections 10 --plans 10000
plans_rows plans-10k 5
if $large; then
  corpus plans-100k --pages 1000 --sections 10 --plans 100000
  plans_rows plans-100k 3
fi

# Bytes a first search downloads, 10,000 pages with the senda theme and its search index:
# the files search.js requests for one common word, summed as written and gzipped.
# Deterministic, so one run; needs tests/browser's node_modules and Chromium.
corpus search-10000 --pages 10000 --sections 100 --plans 0 --theme senda
grep -q '^build_search_index' "$dir/search-10000/site.toml" ||
  sed -i '1a build_search_index = true' "$dir/search-10000/site.toml"
rm -rf "$dir/out" && "$senda" build --root "$dir/search-10000" --output "$dir/out" >/dev/null
read -r files bytes gz < <(node benches/search_bytes.mjs "$dir/out" evaluacion)
row "first search \"evaluacion\", 10000 pages: files, KB (gzipped KB)" \
  "$files, $((bytes / 1000)) ($((gz / 1000)))" - - - -

# Save -> reload under `senda serve`, 20 edits of one page and of the base template.
# The edits go to a copy, so the corpus stays as generated.
echo
corpus pages-10000 --pages 10000 --sections 100 --plans 0
rm -rf "$dir/serve" && cp -r "$dir/pages-10000" "$dir/serve"
python3 benches/serve_latency.py --senda "$senda" --root "$dir/serve" --edits 20 \
  --page content/seccion-005/pagina-00507.md --template themes/minimal/templates/base.html
