#!/usr/bin/python3
"""tests/bench/peer.py - the pandas peer of `make bench`.

    peer.py SURVEY.json ANSWERS.csv

What an analyst would write with pandas to get what assess's rules start
from: every question's level signal per respondent (an option's level,
a number's band), then each organisation's lower median per question.
Idiomatic pandas: read_csv with the question columns as categoricals, map
each column's categories to levels once, and one groupby over the
organisations.  Prints the number of organisations and the sum of the
medians (so the work cannot be skipped); the benchmark times the whole
process, start-up included, as it does for assess.
"""
import json
import sys

import numpy as np
import pandas as pd


def levels_of(survey):
    """Question id -> {option value: level} for the scored choice
    questions, and question id -> bands for the numeric ones."""
    sets = survey.get("option_sets", {})
    choice, bands = {}, {}
    for dim in survey["dimensions"]:
        for q in dim["questions"]:
            if q["type"] in ("single", "likert", "yesno"):
                opts = q.get("options") or sets[q["option_set"]]
                choice[q["id"]] = {o["value"]: o["level"] for o in opts
                                   if "level" in o}
            elif q["type"] == "number":
                bands[q["id"]] = q["bands"]
    return choice, bands


def band_level(values, bands):
    out = np.full(len(values), np.nan)
    for i, (lo, hi, level) in enumerate(bands):
        last = i == len(bands) - 1
        hi = np.inf if hi is None else hi
        upper = values <= hi if last else values < hi
        out[(values >= lo) & upper & np.isnan(out)] = level
    return out


def main():
    survey = json.load(open(sys.argv[1], encoding="utf-8"))
    choice, bands = levels_of(survey)
    dtypes = {q: "category" for q in choice}
    dtypes.update({q: "string" for q in bands})
    dtypes["organisation"] = "category"
    df = pd.read_csv(sys.argv[2], dtype=dtypes,
                     usecols=["organisation", *choice, *bands])
    signals = pd.DataFrame({"organisation": df["organisation"]})
    for q, levels in choice.items():
        col = df[q]
        cats = col.cat.categories
        lut = np.array([levels.get(c, np.nan) for c in cats] + [np.nan])
        signals[q] = lut[col.cat.codes.to_numpy()]
    for q, b in bands.items():
        signals[q] = band_level(pd.to_numeric(df[q], errors="coerce")
                                .to_numpy(dtype=float), b)
    medians = signals.groupby("organisation", observed=True).quantile(
        0.5, interpolation="lower")
    print(len(medians), float(np.nansum(medians.to_numpy())))


if __name__ == "__main__":
    main()
