"""Checks a `ttc run --trace` file against Chrome's trace-event format and its program.

usage: check_trace.py TRACE.json PROGRAM.json

The file must be a JSON object with a `traceEvents` list; every event has `ph`, `pid` and
`name`; complete events (`X`) have numeric `ts` >= 0 and `dur` >= 0 and a `tid`; metadata
events (`M`) name processes and threads. Every op of the program's entry function must have
one complete event of category `op`, in program order.
"""
import json
import sys

trace = json.load(open(sys.argv[1]))
program = json.load(open(sys.argv[2]))
events = trace["traceEvents"]
assert isinstance(events, list) and events, "no traceEvents"
for e in events:
    assert "ph" in e and "pid" in e and "name" in e, e
    if e["ph"] == "X":
        assert "tid" in e, e
        assert isinstance(e["ts"], (int, float)) and e["ts"] >= 0, e
        assert isinstance(e["dur"], (int, float)) and e["dur"] >= 0, e
    elif e["ph"] == "M":
        assert e["name"] in ("process_name", "thread_name", "thread_sort_index", "process_sort_index"), e
        assert "name" in e["args"], e
    else:
        raise AssertionError(f"unexpected phase {e['ph']}")
entry = next(f for f in program["functions"] if f["name"] == program["entry"])
ops = [e for e in events if e["ph"] == "X" and e.get("cat") == "op" and e["args"].get("function") == entry["name"]]
names = [e["name"] for e in sorted(ops, key=lambda e: e["args"]["index"])]
expected = [op["name"] for op in entry["ops"]]
assert names == expected, (names, expected)
print("valid trace: every op of the program has a slice")
threads = [e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"]
host = any("host" in t for t in threads)
queue = any("command queue 0" in t for t in threads)
cores = any("core" in t for t in threads)
print("tracks:", ", ".join(n for n, ok in [("host", host), ("command queue 0", queue), ("cores", cores)] if ok))
