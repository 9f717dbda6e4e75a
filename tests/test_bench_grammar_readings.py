"""The causes of judged "grammatical: no" readings (bench.grammar_readings)."""

from __future__ import annotations

import pytest

from bench.grammar_readings import cause_of, readings


@pytest.mark.parametrize(
    ("why", "prompt", "type_", "cause"),
    [
        (
            'Leftover Markdown underscore in "the Chimes_"',
            "In which year was ...",
            "multiple choice",
            "markup or list-marker residue",
        ),
        (
            "Fragment cut mid-parenthesis with an unclosed bracket",
            "Fill in the blank: …",
            "cloze",
            "broken quotation mark or bracket",
        ),
        (
            "Garbled prompt: 'a cholera epidemic break out'",
            "In which year did a ...",
            "multiple choice",
            "a garbled realised question",
        ),
        (
            "Garbled prompt: 'a cholera epidemic break out'",
            "Fill in the blank: In _____, a",
            "cloze",
            "the source's own English",
        ),
        (
            'Stray comma between subject and verb ("Arthur Danto, suggested")',
            "Fill in the blank: In _____",
            "cloze",
            "typography, spacing, punctuation",
        ),
        (
            "Not a sentence: a list-entry fragment with no main verb",
            "Fill in the blank: W",
            "cloze",
            "a list entry",
        ),
    ],
)
def test_a_reasons_cause(why, prompt, type_, cause):
    assert cause_of(why, prompt, type_) == cause


def _sample(folder, name: str) -> None:
    (folder / f"{name}.md").write_text(
        "## 1\n\n- Type: cloze (fill in the blank)\n- Prompt: Fill in the blank: In _____, it.\n",
        encoding="utf-8",
    )
    (folder / f"{name}.key.json").write_text('{"questions": {"1": {"id": "ab-cz"}}}')
    (folder / f"{name}.verdicts.csv").write_text(
        "number,grammatical,answerable,correct,distractors,worth_asking,why\n"
        "1,no,yes,yes,yes,yes,Fragment cut off\n",
        encoding="utf-8",
    )


def test_readings_leave_out_the_blind_measurements(tmp_path):
    _sample(tmp_path, "fresh7-stratified-seed163")
    _sample(tmp_path, "russia-iran-seed164")
    (tmp_path / "threshold").mkdir()
    _sample(tmp_path / "threshold", "fresh4-seed1")
    found = list(readings(tmp_path))
    assert [(r.part, r.id, r.cause) for r in found] == [
        (
            "fresh7-stratified-seed163.verdicts.csv",
            "ab-cz",
            "fragment: a cut sentence, window or subject",
        )
    ]
