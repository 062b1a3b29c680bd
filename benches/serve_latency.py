#!/usr/bin/env python3
"""Time from saving a file to `senda serve` announcing the reload, as a browser sees it.

Starts `senda serve --port 0` on a site, listens on its event stream, then saves a page
(and then a template) N times, each time waiting for the `reload` event. Prints the median,
the 95th percentile and the spread of the save-to-event times, and of the rebuild times senda reports, which
exclude the watcher's quiet window (serve/watch.rs, QUIET).

    python3 benches/serve_latency.py --senda target/release/senda --root SITE \\
        --page content/seccion-005/pagina-00507.md --template themes/minimal/templates/base.html
"""
import argparse
import queue
import re
import socket
import statistics
import subprocess
import threading
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--senda", default="target/release/senda")
    parser.add_argument("--root", required=True)
    parser.add_argument("--page", required=True, help="a content file, relative to --root")
    parser.add_argument("--template", required=True, help="a template, relative to --root")
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()

    server = subprocess.Popen(
        [args.senda, "serve", "--root", args.root, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
    try:
        port = None
        while port is None:
            line = server.stdout.readline()
            if not line:
                raise SystemExit("senda serve stopped before serving")
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            port = found and int(found.group(1))
        rebuilds = queue.Queue()
        threading.Thread(target=read_rebuilds, args=(server.stdout, rebuilds), daemon=True).start()
        events = queue.Queue()
        threading.Thread(target=read_events, args=(port, events), daemon=True).start()
        events.get(timeout=10)  # connected
        for label, path in (("one-page edit", args.page), ("template edit", args.template)):
            saves, builds = measure(f"{args.root}/{path}", args.edits, events, rebuilds)
            report(label, saves, builds)
    finally:
        server.kill()


def read_rebuilds(stdout, rebuilds):
    for line in stdout:
        found = re.match(r"(?:Rebuilt in|Reconstruido en) (\d+) ms", line)  # LANG=en or not
        if found:
            rebuilds.put(int(found.group(1)))


def read_events(port, events):
    stream = socket.create_connection(("127.0.0.1", port))
    stream.sendall(b"GET /__senda/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    events.put("connected")
    for line in stream.makefile("r", encoding="utf-8"):
        if line.startswith("event: "):
            events.put((line[7:].strip(), time.perf_counter()))


def measure(path, edits, events, rebuilds):
    saves, builds = [], []
    for n in range(edits):
        with open(path, "a", encoding="utf-8") as f:
            start = time.perf_counter()
            f.write(f"\n<!-- edición {n} -->\n" if path.endswith(".html") else f"\nEdición {n}.\n")
        while True:
            name, at = events.get(timeout=60)
            if name == "reload":
                break
            if name == "error":
                raise SystemExit(f"the edit of {path} broke the build: pick another file")
        saves.append((at - start) * 1000)
        builds.append(rebuilds.get(timeout=60))
        time.sleep(0.3)
    return saves, builds


def p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def report(label, saves, builds):
    print(f"{label}: save -> reload median {statistics.median(saves):.0f} ms, "
          f"p95 {p95(saves):.0f} (min {min(saves):.0f}, max {max(saves):.0f}); "
          f"rebuild median {statistics.median(builds):.0f} ms, p95 {p95(builds):.0f} "
          f"(n={len(saves)})")


if __name__ == "__main__":
    main()
