import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1])))
g = collections.defaultdict(list)
for r in rows: g[(r['alg'], r['phase'], r['other'])].append(r)
def rng(vals, fmt="%.2f"):
    vals = sorted(vals)
    return (fmt % vals[0]) + ("" if len(vals) == 1 else "-" + fmt % vals[-1])
print("| alg | phase | claimgate against | rate, pooled per round | broker CPU/auth | listener CPU/auth | claimgate µs broker / listener | other µs broker / listener | target |")
print("|---|---|---|---|---|---|---|---|---|")
for (alg, phase, other), rs in g.items():
    rate = [float(r['rate_pooled']) for r in rs]; bc = [float(r['broker_cpu_pooled']) for r in rs]; lc = [float(r['listener_cpu_pooled']) for r in rs]
    cgb = [float(r['claimgate_broker_cpu_us']) for r in rs]; cgl = [float(r['claimgate_listener_cpu_us']) for r in rs]
    ob = [float(r['other_broker_cpu_us']) for r in rs]; ol = [float(r['other_listener_cpu_us']) for r in rs]
    t = rs[0]['target']
    print(f"| {alg} | {phase} | {other} | {', '.join('%.3f' % x for x in rate)} | {rng(bc,'%.3f')} | {rng(lc,'%.3f')} | {rng(cgb,'%.0f')} / {rng(cgl,'%.0f')} | {rng(ob,'%.0f')} / {rng(ol,'%.0f')} | {t} |")
