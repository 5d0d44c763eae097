"""The yardstick for the large-export benchmark: what an analyst would write with pandas to get
the core figures of a report from the same outcomes CSV (statistics.md): read it, keep the
grant's episodes, then activity (referred, parents and families served, ended, median
sessions) and, for each measure, paired, % improved, mean change and its SD, reliable
improvement, and recovery. No checks of the data, unlike the tool.

    /usr/bin/python3 bench/pandas-core.py /tmp/impact-large-1000000/outcomes.csv [from] [to] [match-funding]

Run with Debian's python3-pandas (apt-get install -y python3-pandas). Prints the figures as JSON.
"""

import json
import sys

import pandas as pd

path = sys.argv[1]
start = pd.Timestamp(sys.argv[2] if len(sys.argv) > 2 else "2020-04-01")
end = pd.Timestamp(sys.argv[3] if len(sys.argv) > 3 else "2021-03-31")
funding = sys.argv[4] if len(sys.argv) > 4 else None

# (id, better: +1 higher / -1 lower, reliable change, clinical cut-off)
MEASURES = [("pirgas", 1, 10, 40), ("phq9", -1, 6, 10), ("gad7", -1, 4, 8)]

df = pd.read_csv(
    path,
    dtype={"episode_id": str, "family_id": str, "funding": str},
    parse_dates=["referral_date", "start_date", "end_date"],
)

if funding:
    df = df[df["funding"].fillna("").str.split(";").apply(lambda codes: funding in codes)]

active = df["start_date"].notna() & (df["start_date"] <= end) & (df["end_date"].isna() | (df["end_date"] >= start))
ended = df[(df["end_date"] >= start) & (df["end_date"] <= end)]

figures = {
    "activity": {
        "episodesReferred": int(((df["referral_date"] >= start) & (df["referral_date"] <= end)).sum()),
        "parentsServed": int(active.sum()),
        "familiesServed": int(df.loc[active, "family_id"].nunique()),
        "episodesEnded": len(ended),
        "sessionsMedian": float(ended["sessions"].median()),
    },
    "outcomes": {},
}
for measure, better, reliable, cutoff in MEASURES:
    pair = ended[[f"{measure}_pre", f"{measure}_post"]].dropna()
    pre, post = pair.iloc[:, 0], pair.iloc[:, 1]
    change = post - pre
    gain = better * change
    clinical = (lambda s: s <= cutoff) if better > 0 else (lambda s: s >= cutoff)
    caseness = clinical(pre)
    recovered = caseness & ~clinical(post)
    figures["outcomes"][measure] = {
        "paired": len(pair),
        "pctImproved": 100 * float((gain > 0).mean()),
        "meanPre": float(pre.mean()),
        "meanPost": float(post.mean()),
        "meanChange": float(change.mean()),
        "sdChange": float(change.std()),
        "pctReliableImprovement": 100 * float((gain >= reliable - 1e-9).mean()),
        "atCaseness": int(caseness.sum()),
        "pctRecovered": 100 * float(recovered.sum() / caseness.sum()),
    }
print(json.dumps(figures, indent=2))
