"""What texts other than encyclopedia articles say that no question should ask.

News pages, papers, books and filings hold sentences an encyclopedia does not: a quotation
standing alone as its own sentence, its speaker named only around it ("“But a $2 trillion tax
cut ... won't end well.”"), and an experiment's settings in a paper's methods ("the effective
batch size as 32", "significant at the 0.05 level", "0.57 t ha-1 was used"). Judges refused
every tuning reading of either (0 of 6 quotations, 0 of 9 settings): the speaker is lost, and a
setting is an incidental detail while the paper's finding goes untested.
"""

from __future__ import annotations

import re

# One quotation from the first word to the last: nothing outside the marks says who speaks.
_QUOTATION = re.compile(r"^\W{0,3}[“\"][^“”\"]+[”\"][\s.,;:!?…)]*$")
# A setting an experiment was run with: a value used, set or chosen, a significance level,
# the knobs of training, a procedure "as described above", what "we use" or "we set".
_SETTING = re.compile(
    r"\b(?:is|are|was|were)\s+(?:then\s+|also\s+)?(?:set|fixed|chosen|selected)\s+"
    r"(?:to|at|in all|based)\b"
    r"|\b(?:was|were)\s+used\b(?=[^;]*\b(?:based on|study|model|experiment|analysis|estimate)\b)"
    r"|\bsignifican\w*\b[^;]{0,90}\blevel\b|\bbatch size\b|\blearning rate\b|\bepochs?\b"
    r"|\bhyper-?parameters?\b|\bdropout\b|\bas described (?:above|below|previously|earlier|in)\b"
    r"|\bwe (?:use|used|set|train|trained|fix|fixed|chose|choose|select|selected)\b",
    re.IGNORECASE,
)

UNATTRIBUTED_QUOTATION = "a quotation whose speaker the sentence never names"
EXPERIMENTAL_SETTING = "a setting an experiment was run with (a paper's methods)"


def unattributed_quotation(sentence: str) -> bool:
    """The sentence is one quotation, mark to mark, with no one named as saying it."""
    return bool(_QUOTATION.match(sentence.strip()))


def experimental_setting(sentence: str) -> bool:
    """The sentence reports a value an experiment or model was run with, not a finding."""
    return bool(_SETTING.search(sentence))


def refusal(sentence: str, kind: str) -> str | None:
    """Why a fact of this sentence (with its answer cut out) is not asked, or None."""
    if unattributed_quotation(sentence):
        return UNATTRIBUTED_QUOTATION
    if kind == "figure" and experimental_setting(sentence):
        return EXPERIMENTAL_SETTING
    return None
