"""The ranker's labelling parts: which split they draw from, and what the hard rules refuse."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from app.generation import acceptability
from app.generation.types import CLOZE, MULTIPLE_CHOICE, Question
from bench import label_for_ranker, train_ranker
from bench.judged_tally import judged
from tests.generation.test_ranking import question as ranking_question

TITLE = "Russia and Iran's reactor"


def candidate(qid: str, prompt: str, answer: str, **kind) -> Question:
    """A candidate of the pool in its own sentence, from the one text 'src'."""
    fact = qid.rsplit("-", 1)[0]
    return ranking_question(qid, fact=fact, group=fact, prompt=prompt, answer=answer, **kind)


POOL = [
    # Let through: a dated cloze that stands alone.
    candidate(
        "a1-cz", "In _____, Russia agreed to supply the reactor.", "1995", qtype=CLOZE, kind="date"
    ),
    # Refused: a leading pronoun (`refused`).
    candidate(
        "a2-cz", "It agreed to supply the reactor in _____.", "1996", qtype=CLOZE, kind="date"
    ),
    # Refused: a wh-question whose answer is no date (`refused_shape`).
    candidate(
        "a3-mc",
        "Which country agreed to supply the reactor?",
        "Russia",
        qtype=MULTIPLE_CHOICE,
        kind="place",
    ),
    # Refused: an answer the source's title prints (`refused`).
    candidate("a4-cz", "The reactor was promised to _____.", "Iran", qtype=CLOZE, kind="place"),
]


@pytest.fixture
def pool(monkeypatch):
    """The generator's pool replaced by POOL; records which split was asked for."""
    asked: list[str] = []

    def generate_pool(split, nlp=None):
        asked.append(split)
        return SimpleNamespace(questions=POOL), {"src": TITLE}

    monkeypatch.setattr(label_for_ranker, "generate_pool", generate_pool)
    monkeypatch.setattr(label_for_ranker, "_head_commit", lambda: "abc")
    return asked


def drawn(directory, prefix: str) -> tuple[list[str], list[dict]]:
    """The question ids of every part with this prefix, and each part's key."""
    keys = [json.loads(p.read_text()) for p in sorted(directory.glob(f"{prefix}-part*.key.json"))]
    return sorted(q["id"] for key in keys for q in key["questions"].values()), keys


def test_the_rules_option_draws_only_what_the_learned_model_would_weigh(pool, tmp_path):
    refused = [q.id for q in POOL if acceptability.ruled_out(q, TITLE)]
    assert refused == ["a2-cz", "a3-mc", "a4-cz"]  # each for its own rule
    args = ["--split", "tune2", "--seed", "141", "-n", "10", "--parts", "2", "--out", str(tmp_path)]
    assert label_for_ranker.main([*args, "--not-refused"]) == 0
    ids, keys = drawn(tmp_path, "tune2-seed141")
    assert pool == ["tune2"] and ids == ["a1-cz"]
    assert [(k["split"], k["not_refused"], k["pool"]) for k in keys] == [("tune2", True, 1)] * 2
    assert len(list(tmp_path.glob("tune2-seed141-part*.verdicts.csv"))) == 2


def test_by_default_the_tune_split_is_drawn_whole_as_before(pool, tmp_path):
    assert (
        label_for_ranker.main(["--seed", "141", "-n", "10", "--parts", "1", "--out", str(tmp_path)])
        == 0
    )
    ids, keys = drawn(tmp_path, "tune-seed141")
    assert pool == ["tune"] and ids == sorted(q.id for q in POOL)
    assert keys[0]["split"] == "tune" and "not_refused" not in keys[0]


def test_only_tuning_splits_are_labelled(pool, tmp_path, capsys):
    with pytest.raises(SystemExit):
        label_for_ranker.main(["--split", "fresh3", "--seed", "1", "--out", str(tmp_path)])
    assert pool == [] and not list(tmp_path.iterdir())


def test_a_part_not_judged_yet_is_left_out_of_the_labels(pool, tmp_path):
    label_for_ranker.main(
        ["--split", "tune2", "--seed", "1", "--parts", "1", "--out", str(tmp_path)]
    )
    verdicts = tmp_path / "tune2-seed1-part1.verdicts.csv"
    blank = verdicts.read_text()
    assert not judged(blank)
    key = [tmp_path / "tune2-seed1-part1.key.json"]
    assert list(train_ranker.judged_parts(key)) == []
    lines = blank.splitlines()
    filled = [lines[0]] + [line.replace(",,,,,,", ",yes,yes,yes,yes,no,") for line in lines[1:]]
    verdicts.write_text("\n".join(filled) + "\n")
    assert judged(verdicts.read_text())
    [(_, _, parsed)] = train_ranker.judged_parts(key)
    assert len(parsed) == len(POOL) and not any(v.acceptable for v in parsed)
