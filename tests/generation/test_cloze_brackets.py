"""A cloze's window never cuts inside brackets (cloze_window.clause_window), and a prompt whose
brackets do not pair is not asked (worth.fit_prompt): fresh6's judged prompts."""

from __future__ import annotations

from app.generation.cloze_window import cloze
from app.generation.types import BLANK
from app.generation.worth import fit_prompt

AIKIDO = (
    "Additionally, Ueshiba is known to have studied Tenjin Shin'yō-ryū with Tozawa Tokusaburō in "
    "Tokyo in 1901, Gotōha Yagyū Shingan-ryū under Nakai Masakatsu in Sakai from 1903 to 1908, "
    "and judo with Kiyoichi Takagi (高木 喜代子 Takagi Kiyoichi, 1894–1972) in Tanabe in 1911."
)


def test_a_window_is_not_cut_inside_brackets():
    prompt = cloze(AIKIDO, AIKIDO.index("1908"), "1908")
    assert prompt is not None and BLANK in prompt
    assert prompt.count("(") == prompt.count(")"), prompt


def test_a_prompt_with_unpaired_brackets_is_not_asked():
    # A blank that took a bracket along ("Fixed Asset Register (Inventory"), a tuning reading.
    prompt = (
        f"{BLANK}) – a subsidiary account listing all items of property which exceed $500 in "
        "cost and have a useful life of at least one year."
    )
    assert (
        fit_prompt(prompt, "Fixed Asset Register (Inventory", kind="organisation", demonyms=())
        is None
    )
    assert (
        fit_prompt(
            prompt.replace(")", ""), "Fixed Asset Register", kind="organisation", demonyms=()
        )
        is not None
    )
