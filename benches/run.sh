#!/usr/bin/env bash
# The benchmark suite of BENCHMARKS.md. Prints a Markdown table of medians, with Hugo built
# from the same corpus in the same run where `hugo` is installed, so ratios hold on a noisy
# machine. Not part of the tests: run it by hand on a quiet machine.
#
#   benches/run.sh                 # 1k and 10k pages, check, serve latency
#   benches/run.sh --large         # also 100k pages and 100k plans (several GB in $BENCH_DIR)
#
# Needs hyperfine and /usr/bin/time (Debian: hyperfine, time); hugo is optional.
set -euo pipefail
cd "$(dirname "$0")/.."

large=false
[ "${1:-}" = "--large" ] && large=true
runs=${RUNS:-10}
dir=${BENCH_DIR:-/dev/shm/senda-bench}
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

# median_of_3_peak_mib CMD...: peak resident memory, median of three runs.
peak_mib() {
  local peaks=()
  for _ in 1 2 3; do
    rm -rf "$dir/out"
    peaks+=("$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)")
  done
  printf '%s\n' "${peaks[@]}" | sort -n | sed -n 2p | awk '{ printf "%.0f", $1 / 1024 }'
}

# median_s CMD: wall time median over $runs runs, each into a fresh output folder.
median_s() {
  hyperfine --style none --warmup 1 --runs "$runs" --prepare "rm -rf $dir/out" --export-json "$dir/h.json" "$1" >/dev/null
  python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$dir/h.json"
}

row() { printf '| %s | %s | %s | %s |\n' "$@"; }

echo "| measure | senda | hugo | senda / hugo |"
echo "|---|---|---|---|"
read -ra sizes <<<"${SIZES:-1000 10000}"
$large && sizes+=(100000)
for pages in "${sizes[@]}"; do
  name=pages-$pages
  corpus "$name" --pages "$pages" --sections $((pages >= 100000 ? 1000 : 100)) --plans 0
  s=$(median_s "$senda build --root $dir/$name --output $dir/out")
  sm=$(peak_mib "$senda" build --root "$dir/$name" --output "$dir/out")
  if command -v hugo >/dev/null; then
    hugo_cmd="hugo --quiet --source $PWD/benches/hugo --contentDir $dir/$name/content --destination $dir/out"
    h=$(median_s "$hugo_cmd")
    # shellcheck disable=SC2086
    hm=$(peak_mib $hugo_cmd)
    row "clean build, $pages pages (s)" "$s" "$h" "$(python3 -c "print(f'{$s/$h:.2f}')")"
    row "peak memory, $pages pages (MiB)" "$sm" "$hm" "$(python3 -c "print(f'{$sm/$hm:.2f}')")"
  else
    row "clean build, $pages pages (s)" "$s" "-" "-"
    row "peak memory, $pages pages (MiB)" "$sm" "-" "-"
  fi
  c=$(median_s "$senda check --root $dir/$name")
  row "check, $pages pages (s)" "$c" "-" "-"
done

if $large; then
  corpus plans-100k --pages 1000 --sections 10 --plans 100000
  s=$(RUNS=3 median_s "$senda build --root $dir/plans-100k --output $dir/out")
  m=$(peak_mib "$senda" build --root "$dir/plans-100k" --output "$dir/out")
  row "clean build, 100k plans + 1k pages (s)" "$s" "-" "-"
  row "peak memory, 100k plans + 1k pages (MiB)" "$m" "-" "-"
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
  "$files, $((bytes / 1000)) ($((gz / 1000)))" "-" "-"

# Save -> reload under `senda serve`, 20 edits of one page and of the base template.
# The edits go to a copy, so the corpus stays as generated.
echo
corpus pages-10000 --pages 10000 --sections 100 --plans 0
rm -rf "$dir/serve" && cp -r "$dir/pages-10000" "$dir/serve"
python3 benches/serve_latency.py --senda "$senda" --root "$dir/serve" --edits 20 \
  --page content/seccion-005/pagina-00507.md --template themes/minimal/templates/base.html
