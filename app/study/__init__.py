"""Self-study domain logic: scheduling, skill estimates, selection, answer checking, progress.

Plain data in, plain data out: no Flask, no database session; `now` and a `random.Random`
are passed in by the caller.
"""
