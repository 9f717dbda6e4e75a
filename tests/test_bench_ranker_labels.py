"""The readings the learned ranker learns from: which samples are read, which are refused."""

import json

import pytest

from app.generation.types import CLOZE
from bench import ranker_labels
from bench.ranker_labels import ClosedSample, closed, label_keys, readings, rows_of
from bench.sample_for_judging import JUDGING_DIR
from tests.generation.test_ranking import question as ranking_question


def test_the_new_label_sources_are_read():
    keys = label_keys()
    names = {split: {p.name for p in paths} for split, paths in keys.items()}
    assert {"tune", "tune2", "heldout", "fresh", "fresh2", "fresh3", "fresh5", "fresh6"} <= set(
        keys
    )
    assert len(names["fresh6"]) == 4 and "fresh6-stratified-seed160.key.json" in names["fresh6"]
    # Fifteenth session: fresh7 and the older blind samples of the bundled bank are read too.
    assert names["fresh7"] == {f"fresh7-stratified-seed{s}.key.json" for s in (163, 165)}
    assert {f"russia-iran-seed{s}.key.json" for s in (155, 158, 161)} <= names["bundled"]
    assert "tune2-seed141-part1.key.json" in names["tune2"]
    assert "russia-iran-seed133.key.json" in names["bundled"]
    assert "tune11-fresh45-seed153.key.json" in names["fresh5"]
    # fresh6's seed 160 was read by two readers in their own files; its own file is blank.
    seed160 = JUDGING_DIR / "fresh6-stratified-seed160.key.json"
    assert {reader for _, reader, _ in readings(seed160)} == {
        "fresh6-stratified-seed160-f160a.verdicts.csv",
        "fresh6-stratified-seed160-f160b.verdicts.csv",
    }
    # A second sample named "<sample>b" is not a second reader of "<sample>".
    assert len(list(readings(JUDGING_DIR / "russia-iran-seed101.key.json"))) == 40


def test_the_closed_samples_are_never_listed():
    listed = [p for paths in label_keys().values() for p in paths]
    assert listed and not any(closed(p) for p in listed)
    assert not any(p.name.startswith(("fresh4", "fresh8")) for p in listed)
    assert not any(p.name.startswith("russia-iran-seed164") for p in listed)
    assert not any("threshold" in p.parts for p in listed)


@pytest.mark.parametrize(
    "name",
    [
        "russia-iran-seed164.key.json",
        "russia-iran-seed164-reader2.key.json",
        "fresh4-stratified-seed143.key.json",
        "fresh8-stratified-seed1.key.json",
    ],
)
def test_a_closed_sample_is_refused_before_it_is_opened(tmp_path, name):
    key = tmp_path / name
    key.write_text("not json: opening it would fail otherwise", encoding="utf-8")
    with pytest.raises(ClosedSample):
        list(readings(key))


def test_the_threshold_labels_are_refused_by_where_they_are():
    # Never created nor opened: the refusal goes by the path alone.
    with pytest.raises(ClosedSample):
        list(readings(ranker_labels.THRESHOLD_DIR / "tune-seed1-part1.key.json"))


def _dated_cloze(prior: float = 0.0):
    return ranking_question(
        "a1-cz",
        fact="a1",
        qtype=CLOZE,
        kind="date",
        prompt="Fill in the blank: In _____, Russia agreed to supply the reactor.",
        answer="1995",
        prior=prior,
    )


def _sample(tmp_path, ids):
    key = tmp_path / "heldout-stratified-seed1.key.json"
    entries = {
        str(n): {"id": qid, "type": CLOZE, "kind": "date", "source": "src"}
        for n, qid in enumerate(ids, 1)
    }
    key.write_text(json.dumps({"split": "heldout", "questions": entries}), encoding="utf-8")
    header = "number,grammatical,answerable,correct,distractors,worth_asking,why"
    for reader, worth in (("", "yes"), ("-reader2", "no")):
        lines = [header] + [f"{n},yes,yes,yes,yes,{worth}," for n in range(1, len(ids) + 1)]
        path = tmp_path / f"heldout-stratified-seed1{reader}.verdicts.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return key


def test_each_reader_is_a_row_and_a_question_no_longer_made_is_dropped(tmp_path):
    key = _sample(tmp_path, ["a1-cz", "gone-cz"])
    made = _dated_cloze()
    rows = rows_of("heldout", [key], {"a1-cz": (made, "A text")})
    assert [(r["id"], r["label"], r["sample"]) for r in rows] == [
        ("a1-cz", 1, "heldout-stratified-seed1.verdicts.csv"),
        ("a1-cz", 0, "heldout-stratified-seed1-reader2.verdicts.csv"),
    ]
    assert rows[0]["shape"] == "cloze/date" and rows[0]["banked"] == 1
    assert rows[0]["kind_date"] == 1.0


def test_the_forms_recorded_are_those_the_ranker_weighs():
    from app.generation import ranking
    from tests.generation.test_ranking import learned_model

    weighed = _dated_cloze(prior=0.8)
    with ranker_labels.ranked_forms() as seen:
        kept = ranking.rank([weighed], {}, model=learned_model({"kind_date": 1.0}, 0.0), titles={})
    assert [q.id for q in kept] == ["a1-cz"] and list(seen) == ["a1-cz"]
    assert seen["a1-cz"][0].prompt == weighed.prompt and seen["a1-cz"][1] == ""


def test_the_model_is_trained_on_the_new_readings_and_never_on_fresh4():
    from collections import Counter

    from app.generation.acceptability import load_model
    from bench import train_ranker

    splits = Counter(row["split"] for row in train_ranker.training_rows())
    assert splits["tune"] == 700  # the label rounds as their judges saw them
    assert all(splits[s] > 0 for s in ("tune2", "heldout", "fresh5", "fresh6", "bundled"))
    assert not set(splits) & {"fresh4", "fresh8"}
    assert load_model()["labels"] == sum(splits.values())


def test_the_bundled_readings_are_rebuilt_exactly_by_generating(tmp_path):
    rebuilt = tmp_path / "readings.csv"
    ranker_labels.write_table(rebuilt, ["bundled"])
    shipped = ranker_labels.READINGS_CSV.read_text(encoding="utf-8").splitlines()
    bundled = [shipped[0]] + [line for line in shipped[1:] if ",bundled," in line]
    assert rebuilt.read_text(encoding="utf-8").splitlines() == bundled
