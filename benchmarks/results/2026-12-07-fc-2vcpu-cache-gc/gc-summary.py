"""Summarises the per-broker storms of this directory: for each round, the broker built before the
change (split-N: parsed claims cached) and after it (stored-N: claims cached as JSON text), and one
broker of the later build without its token cache (no-cache), from the broker's G1 log
(-Xlog:gc*=debug,gc+age=trace) and the storm's CSV. Usage: python3 gc-summary.py <this directory>"""
import csv, gzip, os, re, statistics, sys

base = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
def runs():
    for r in range(1, 100):
        yield f"round {r}", [f"split-{r}", f"stored-{r}"]
    yield "no cache", ["no-cache"]


for title, builds in runs():
    cells = []
    for build in builds:
        log = os.path.join(base, f"{build}-broker-gc.log.gz")
        if not os.path.exists(log):
            break
        text = gzip.open(log, "rt").read()
        pauses = [float(x) for x in re.findall(r"Pause Young.* ([0-9.]+)ms\n", text)]
        copies = [float(x) for x in re.findall(r"Object Copy \(ms\): +Min: +([0-9.]+)", text)]
        age1 = [int(x) for x in re.findall(r"- age +1: +(\d+) bytes", text)] or [0]
        rows = {row["phase"]: row for row in csv.DictReader(open(os.path.join(base, f"{build}-auth-storm.csv")))}
        cells.append(f"{build}: {len(pauses)} young pauses, sum {sum(pauses):.0f} ms, median {statistics.median(pauses):.1f} ms, "
                     f"object copy median {statistics.median(copies):.1f} ms, age-1 survivors median "
                     f"{statistics.median(age1) / 1e6:.2f} MB; warm-up broker CPU {float(rows['warmup']['broker_cpu_us_per_auth']):.0f} us/auth")
    if cells:
        print(f"{title}: " + " | ".join(cells))
