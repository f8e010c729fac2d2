#!/usr/bin/env python3
"""Generates dateutil-cases.tsv, the python-dateutil oracle replayed by DateutilFixtureTest.

Usage: python3 generate_dateutil_cases.py [count] [seed] > ../resources/dateutil-cases.tsv

Each line: RRULE <TAB> naive DTSTART (ISO) <TAB> the first occurrences (ISO, comma-separated;
'-' for none). Rules stay within the subset where todokit follows dateutil: no WEEKLY+BYSETPOS
(todokit counts positions over whole WKST weeks, as RFC 5545 says), no BYDAY mixing plain and
ordinal weekdays (todokit takes their union, as RFC 5545 says; dateutil their intersection), and
a DATE-form UNTIL is given to dateutil as 23:59:59 of that date (todokit: inclusive through it).
"""
import random
import signal
import sys
from datetime import datetime, timedelta

from dateutil.rrule import rrulestr

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
TAKE = 12


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def sample(rng, values, low, high):
    return sorted(set(rng.choice(values) for _ in range(rng.randint(low, high))))


def random_rule(rng):
    freq = rng.choices(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"], [2, 3, 4, 3])[0]
    parts = ["FREQ=" + freq]
    if rng.random() < 0.5:
        parts.append("INTERVAL=%d" % rng.choice([1, 2, 3, 4, 5, 7, 12]))
    has_bymonth = rng.random() < (0.35 if freq in ("YEARLY", "DAILY") else 0.15)
    if has_bymonth:
        parts.append("BYMONTH=" + ",".join(map(str, sample(rng, range(1, 13), 1, 3))))
    if rng.random() < (0.2 if freq in ("DAILY", "WEEKLY") else 0.4):
        days = list(range(1, 32)) + list(range(-31, 0)) + [28, 29, 30, 31, -1, -2]
        parts.append("BYMONTHDAY=" + ",".join(map(str, sample(rng, days, 1, 4))))
    if rng.random() < 0.55:
        if freq in ("MONTHLY", "YEARLY") and rng.random() < 0.6:
            limit = 5 if (freq == "MONTHLY" or has_bymonth) else 53
            ordinals = [n for n in range(-limit, limit + 1) if n != 0]
            entries = set()
            for _ in range(rng.randint(1, 3)):
                entries.add("%d%s" % (rng.choice(ordinals), rng.choice(DAYS)))
            parts.append("BYDAY=" + ",".join(sorted(entries)))
        else:
            parts.append("BYDAY=" + ",".join(sample(rng, DAYS, 1, 4)))
    if freq != "WEEKLY" and rng.random() < 0.3:
        positions = [1, 2, 3, -1, -2, -3, 4, 5]
        parts.append("BYSETPOS=" + ",".join(map(str, sample(rng, positions, 1, 2))))
    if rng.random() < 0.3:
        parts.append("WKST=" + rng.choice(DAYS))
    start = datetime(rng.randint(1995, 2030), 1, 1, rng.randint(8, 19), rng.choice([0, 15, 30]))
    start += timedelta(days=rng.randint(0, 364))
    until_for_dateutil = None
    bound = rng.random()
    if bound < 0.25:
        parts.append("COUNT=%d" % rng.randint(1, 15))
    elif bound < 0.4:
        until = start + timedelta(days=rng.randint(0, 1500), hours=rng.randint(-12, 12))
        parts.append("UNTIL=" + until.strftime("%Y%m%dT%H%M%S"))
    elif bound < 0.55:
        until = (start + timedelta(days=rng.randint(0, 1500))).date()
        parts.append("UNTIL=" + until.strftime("%Y%m%d"))
        until_for_dateutil = "UNTIL=" + until.strftime("%Y%m%d") + "T235959"
    rule = ";".join(parts)
    oracle = rule if until_for_dateutil is None else ";".join(
        until_for_dateutil if p.startswith("UNTIL=") else p for p in parts)
    return rule, oracle, start


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 5545)
    signal.signal(signal.SIGALRM, on_alarm)
    written = 0
    while written < count:
        rule, oracle, start = random_rule(rng)
        signal.alarm(2)
        try:
            occurrences = []
            for occurrence in rrulestr(oracle, dtstart=start):
                occurrences.append(occurrence.isoformat())
                if len(occurrences) == TAKE:
                    break
        except Timeout:
            continue  # Sparse or impossible: dateutil walks to year 9999; covered elsewhere.
        finally:
            signal.alarm(0)
        print("%s\t%s\t%s" % (rule, start.isoformat(), ",".join(occurrences) or "-"))
        written += 1


if __name__ == "__main__":
    main()
