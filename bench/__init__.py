"""Benchmarks for question generation: answer-key coverage, acceptability sampling and speed."""
