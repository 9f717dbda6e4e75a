"""The study service: what any page that studies reads and writes (no blueprint of its own).

The pool of candidates and the chooser's reads (`candidates`, `choosing`), the one answer
service that stores an answer or a rating (`recording`), a learner's progress (`dashboard`) and
the per-request inputs of studying (`context`). The learn, classroom, sources and api
blueprints call these; none of them imports another blueprint's internals.
"""
