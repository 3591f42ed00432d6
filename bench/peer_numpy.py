"""numpy peer for bench/engine.mjs: per-evaluation time measured inside Python with timeit,
so interpreter start-up and input loading are not counted. Reads the job list written by
engine.mjs (inputs as raw little-endian float64 files) and prints JSON."""
import json, statistics, sys, timeit
import numpy as np

spec = json.load(open(sys.argv[1]))
repeats = spec["repeats"]
cap = spec["capMs"] / 1000.0
results = {}


def weighted(v):
    """Same weighted sum as engine.mjs: sum of x_i * (1 + i mod 7) over the row-major elements."""
    flat = np.ravel(np.asarray(v, dtype=np.float64))
    return float(np.dot(flat, 1 + (np.arange(flat.size) % 7)))


for job in spec["jobs"]:
    env = {"np": np, "n": job["n"]}
    for name, f in job["files"].items():
        env[name] = np.fromfile(f["file"], dtype="<f8").reshape(f["shape"])
    timer = timeit.Timer(job["stmt"], globals=env)
    # Warm up, then batches of ~20 ms, like the JS side.
    number, took = timer.autorange()
    per = took / number
    number = max(1, round(0.02 / per))
    reps = max(3, min(repeats, int(cap / max(per * number, 1e-6))))
    times = [t / number for t in timer.repeat(repeat=reps, number=number)]
    value = eval(job["stmt"], env)
    results[job["key"]] = {"median_ms": statistics.median(times) * 1000, "checksum": weighted(value)}

blas = "unknown"
try:
    cfg = np.__config__
    info = getattr(cfg, "blas_opt_info", None) or getattr(cfg, "blas_ilp64_opt_info", None)
    if info and "libraries" in info:
        blas = ",".join(info["libraries"])
except Exception:
    pass
print(json.dumps({"results": results, "blas": blas}))
