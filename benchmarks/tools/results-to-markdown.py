#!/usr/bin/env python3
"""Turns BenchmarkDotNet CSV reports into the Markdown tables of docs/benchmarks.md.

Adds ns/frame (Mean / BlockSize) where the benchmark has a BlockSize parameter, the same figure
the harness's TimePerFrameColumn prints, and x real time at 48 kHz for whole-graph rows.
usage: benchmarks/tools/results-to-markdown.py BenchmarkDotNet.Artifacts/results/*-report.csv
"""
import csv
import sys

UNITS = {"ns": 1.0, "μs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}


def nanoseconds(text):
    value, unit = text.replace(",", "").split()
    return float(value) * UNITS[unit]


for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        continue
    header = list(rows[0].keys())
    params = header[header.index("WarmupCount") + 1:header.index("Mean")]
    name = path.rsplit("/", 1)[-1].replace("-report.csv", "").rsplit(".", 1)[-1]
    has_block = "BlockSize" in params
    columns = ["Method"] + params + ["Mean", "StdDev"] + (["ns/frame", "x real time @48k"] if has_block else []) + ["Allocated"]
    print(f"### {name}\n")
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---" if c in ("Method",) else "---:" for c in columns) + "|")
    for row in rows:
        cells = [row["Method"]] + [row[p] for p in params] + [row["Mean"], row["StdDev"]]
        if has_block:
            per_frame = nanoseconds(row["Mean"]) / int(row["BlockSize"])
            cells += [f"{per_frame:.2f}", f"{20833.33 / per_frame:,.0f}"]
        cells.append(row["Allocated"])
        print("| " + " | ".join(cells) + " |")
    print()
