"""bench.judged_shapes: the judged verdicts a developer may learn from, by question shape."""

from __future__ import annotations

import csv
import json

from app.generation.types import CLOZE
from bench import corpus, judged_shapes
from bench.label_for_ranker import LABELS_DIR
from bench.outside import UNREAD
from bench.sample_for_judging import JUDGING_DIR, readable_keys, write_sample
from tests.generation.test_ranking import learned_model
from tests.generation.test_ranking import question as ranking_question


def judged_row(qid: str, kind: str, answer: str, acceptable: bool, group: str = "tune"):
    sentence = f"In the year of the fair the town counted {answer} visitors."
    asked = ranking_question(
        qid, fact=qid.split("-")[0], qtype=CLOZE, kind=kind, answer=answer, passage=sentence,
        prompt="Fill in the blank: " + sentence.replace(answer, "_____"),
    )  # fmt: skip
    return judged_shapes.Judged(asked, "", acceptable, group)


ROWS = [
    judged_row("a-cz", "date", "1995", True),
    judged_row("b-cz", "date", "1996", False, "heldout"),
    judged_row("c-cz", "figure", "300", False),
    judged_row("d-cz", "organisation", "Nordic Council", True),  # a shape refused
]


def test_one_gate_reads_every_sample_but_those_of_a_split_nobody_has_read(tmp_path):
    """Review of the strict gate: judged_shapes kept a second list of readable files, by name."""
    for name, about in [
        ("fresh-stratified-seed1", {"split": "fresh"}),
        ("renamed-seed5", {"split": "fresh"}),  # written with --out: its split says fresh
        ("fresh2-stratified-seed6", {"split": "fresh2"}),
        ("tune-renamed-seed7", {"split": "fresh2"}),  # a fresh2 sample under a readable name
        ("fresh3-stratified-seed8", {"split": "fresh3"}),
        ("tune-renamed-seed9", {"split": "fresh3"}),  # a fresh3 sample under a readable name
        ("fresh4-stratified-seed10", {"split": "fresh4"}),
        ("tune-renamed-seed11", {"split": "fresh4"}),  # a fresh4 sample under a readable name
        ("fresh5-stratified-seed12", {"split": "fresh5"}),
        ("tune-renamed-seed13", {"split": "fresh5"}),  # a fresh5 sample under a readable name
        ("fresh6-stratified-seed14", {"split": "fresh6"}),  # tuning material since session 14
        ("tune-renamed-seed15", {"split": "fresh6"}),
        ("fresh7-stratified-seed16", {"split": "fresh7"}),  # tuning material since session 15
        ("tune-renamed-seed17", {"split": "fresh7"}),
        ("fresh8-stratified-seed18", {"split": "fresh8"}),
        ("tune-renamed-seed19", {"split": "fresh8"}),  # a fresh8 sample under a readable name
        ("tune-seed1-part1", {"split": "tune"}),
        ("heldout-seed2", {"split": "heldout"}),  # read in session 5: tuning data now
        ("russia-iran-seed3", {"pack": "questions/packs/russia-iran.json"}),
        ("mine-seed4", {"split": "tune"}),
    ]:
        key = {**about, "questions": {}}
        (tmp_path / f"{name}.key.json").write_text(json.dumps(key), encoding="utf-8")
    assert [p.name.split(".")[0] for p in readable_keys(tmp_path)] == [
        "fresh6-stratified-seed14",
        "fresh7-stratified-seed16",
        "heldout-seed2",
        "mine-seed4",
        "russia-iran-seed3",
        "tune-renamed-seed15",
        "tune-renamed-seed17",
        "tune-seed1-part1",
    ]
    shipped = readable_keys(JUDGING_DIR, LABELS_DIR)
    assert shipped and not any(p.name.split("-")[0] in UNREAD for p in shipped)
    assert any(p.name.startswith("fresh6-") for p in shipped)
    assert any(p.name.startswith("fresh7-") for p in shipped)  # fifteenth session on


def test_the_last_blind_measurement_of_the_bundled_bank_is_never_read(tmp_path):
    """readable_keys listed russia-iran-seed155 (a pack's sample has no split to exclude it by);
    from the fifteenth session seed 164 is the last, and 155, 158 and 161 are tuning readings."""
    for name in ("russia-iran-seed164", "russia-iran-seed16", "russia-iran-seed1641"):
        key = {"pack": "questions/packs/russia-iran.json", "questions": {}}
        (tmp_path / f"{name}.key.json").write_text(json.dumps(key), encoding="utf-8")
    # A file that cannot be parsed: the blind sample's key is skipped by name, never opened.
    (tmp_path / "russia-iran-seed164-reader2.key.json").write_text("not json", encoding="utf-8")
    assert [p.name.split(".")[0] for p in readable_keys(tmp_path)] == [
        "russia-iran-seed16",
        "russia-iran-seed1641",
    ]
    shipped = {p.name for p in readable_keys(JUDGING_DIR)}
    assert "russia-iran-seed164.key.json" not in shipped
    assert {f"russia-iran-seed{seed}.key.json" for seed in (155, 158, 161)} <= shipped


def test_a_sample_is_grouped_by_its_split_or_its_pack_whatever_its_name(tmp_path):
    """An explicit path without a known prefix raised RuntimeError (StopIteration)."""
    sample = [corpus.question_to_dict(row.question) for row in ROWS[:2]]
    for out, about in [
        (tmp_path / "mine-seed4", {"split": "tune"}),
        (tmp_path / "russia-iran-seed9", {"pack": "questions/packs/russia-iran.json"}),
    ]:
        _, verdicts, _ = write_sample(sample, {"src": "A text"}, out, about)
        with verdicts.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["number", "grammatical", "answerable", "correct", "distractors",
                             "worth_asking", "why"])  # fmt: skip
            writer.writerow([1, "yes", "yes", "yes", "yes", "yes", ""])
            writer.writerow([2, "yes", "yes", "yes", "yes", "no", "minor"])
    keys = sorted(tmp_path.glob("*.key.json"))
    rows = list(judged_shapes.judged(keys))
    assert [(r.group, r.question.answer, r.acceptable) for r in rows] == [
        ("tune", "1995", True),
        ("tune", "1996", False),
        ("russia-iran", "1995", True),
        ("russia-iran", "1996", False),
    ]


def test_shapes_are_counted_apart_for_outside_texts_and_the_bank():
    rows = [*ROWS, judged_row("e-cz", "date", "1997", True, "russia-iran")]
    table = judged_shapes.by_shape(rows)
    assert table["cloze/date"] == {"outside": [1, 2], "bank": [1, 1]}
    assert table["cloze/figure"] == {"outside": [0, 1]}


def test_precision_by_threshold_counts_what_the_rules_let_through():
    model = learned_model({"kind_date": 2.0}, 0.6)  # dates 0.88, the rest 0.5
    # The organisation's cloze is refused: not counted, though it was accepted.
    assert judged_shapes.precision_by_threshold(ROWS, model, (0.4, 0.6, 0.9)) == [
        (0.4, 1, 3),
        (0.6, 1, 2),
        (0.9, 0, 0),
    ]


def test_the_report_runs_on_a_model_without_a_floor(monkeypatch, capsys):
    monkeypatch.setattr(judged_shapes, "judged", lambda: iter(ROWS))
    monkeypatch.setattr(judged_shapes, "load_model", lambda: learned_model({"kind_date": 2.0}, 0.6))
    assert judged_shapes.main() == 0
    assert "model on heldout (not trained on, but tuned by): >=0.2: 0/1" in capsys.readouterr().out
