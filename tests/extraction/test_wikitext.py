"""A .txt file holding MediaWiki markup is read as the rendered article's prose."""

from __future__ import annotations

from app.extraction.files import WIKITEXT_NOTE, extract
from app.extraction.wikitext import looks_like_wikitext, wikitext_to_text

# Enough markup of several kinds for the file to be recognised as wikitext.
_FRAME = """{{Infobox country
| conventional_long_name = Aruba
| capital = [[Oranjestad, Aruba|Oranjestad]]
}}
'''Aruba''' is an island in the [[Caribbean Sea]].<ref>{{cite web |url=http://x.org |title=X}}</ref>

== History ==
%s

== See also ==
* [[Bonaire]]

== References ==
{{reflist}}

[[Category:Islands]]
[[fr:Aruba]]
"""


def _read(body: str) -> str:
    return extract((_FRAME % body).encode(), "aruba.txt").text


def test_wikitext_file_reads_as_the_article_with_a_note():
    extracted = extract((_FRAME % "Spain came in 1499.").encode(), "aruba.txt")
    assert extracted.text == (
        "Aruba is an island in the Caribbean Sea.\n\nHistory\n\nSpain came in 1499.\n"
    )
    assert extracted.note == WIKITEXT_NOTE


def test_convert_shows_the_amount_and_its_unit():
    text = _read(
        "It lies {{convert|1600|km|mi}} west, on a {{convert|40|acre|ha|adj=on}} plot; serves "
        "reached {{convert|110|and|125|mph|km/h|abbr=on}}, at {{convert|29.2|C}}, "
        "in a {{convert|100|nmi|km|adj=on}} orbit, pumping {{convert|57|koilbbl/d|abbr=on}} "
        "and {{convert|800|koilbbl/d}} of reserves of 300 tons (~300{{e|9}}&nbsp;kg)."
    )
    assert (
        "It lies 1,600 kilometres west, on a 40-acre plot; serves reached 110 and 125 mph, at "
        "29.2°C, in a 100-nautical-mile orbit, pumping 57 kbbl/d and 800 thousand barrels per "
        "day of reserves of 300 tons (~300 billion kg)." in text
    )


def test_inline_templates_show_their_text_and_notes_show_nothing():
    text = _read(
        "Its name is {{lang|pap|Aruba Dushi Tera}} ({{IPAc-en|ə|ˈ|r|uː|b|ə}}; {{lang-nl|Aruba}})"
        ", settled {{circa|1000}} on {{nowrap|10 May}}.{{sfn|Smith|2001|p=3}}{{efn|A note.}}"
        "{{citation needed|date=May 2015}} It lies at {{coord|12|30|N|69|58|W}}."
    )
    assert "Its name is Aruba Dushi Tera (Aruba), settled c. 1000 on 10 May." in text
    assert "It lies at 12°30′N 69°58′W." in text


def test_images_tables_galleries_and_comments_are_left_out():
    text = _read(
        "[[File:Map.png|thumb|upright|A map of [[Aruba]] in 1700]]\n"
        "Before the table.<!-- a hidden remark -->\n"
        '{| class="wikitable"\n|-\n! Year !! People\n|-\n| 1990 || 66,687\n|}\n'
        "<gallery>\nA.jpg|A caption\n</gallery>\n"
        "After the table."
    )
    # A table ends a paragraph on the rendered page too.
    assert "History\n\nBefore the table.\n\nAfter the table.\n" in text
    for residue in ("thumb", "map of", "1990", "caption", "remark", "|", "{", "[["):
        assert residue not in text


def test_links_bold_italics_and_entities_become_their_text():
    text = _read(
        "'''Bold''' and ''[[Brave New World|italic]]'' by [[Aldous Huxley]], in the "
        "[http://example.org Times] [http://example.org], cost US$5&nbsp;million &ndash; "
        "[[:Category:Islands|islands]]."
    )
    assert "Bold and italic by Aldous Huxley, in the Times, cost US$5 million – islands." in text


def test_an_unclosed_italic_inside_a_note_leaves_the_rest_readable():
    text = _read(
        "He sat on a board.<ref>{{cite web |publisher=''Las Vegas |date=2007}}</ref> "
        "He invested in [[Allen & Company]].\n\n"
        "* ''[[Top Spin 4]]'' (on the cover)\n** [[Xbox 360]]"
    )
    assert "He sat on a board. He invested in Allen & Company.\n\n" in text
    assert "\n• Top Spin 4 (on the cover)\n• Xbox 360\n" in text


def test_lists_are_items_on_their_own_lines_and_headings_paragraphs_of_their_own():
    text = _read(
        "The districts are:\n* Noord\n* [[Paradera]]\n# Savaneta\nAfter the list.\n"
        "=== Empty ===\n"
        '{| class="wikitable"\n| 1 || 2\n|}\n'
        "=== Climate ===\nDry."
    )
    assert "The districts are:\n• Noord\n• Paradera\n• Savaneta\nAfter the list." in text
    assert "Empty" not in text  # a heading with only a table under it
    assert "\n\nClimate\n\nDry.\n" in text


def test_end_sections_and_their_subsections_are_left_out():
    body = "Prose.\n\n== External links ==\n=== Official ===\n* [http://a.org Site]\n"
    assert wikitext_to_text(_FRAME % body).endswith("History\n\nProse.\n")


def test_prose_with_a_stray_bracket_is_not_read_as_wikitext():
    prose = "We met in [[room 4]] at noon. '''Bold''' claims aside, the plan held.\n" * 3
    assert not looks_like_wikitext(prose)
    assert extract(prose.encode(), "notes.txt").text == prose
    assert looks_like_wikitext(_FRAME % "Text.")


def test_dates_values_ships_and_superscripts_read_as_on_the_page():
    text = _read(
        "Gilbert (born {{birth date and age|1969|7|18}}) met Huxley (died "
        "{{death date and age|1963|11|22|1894|7|26|df=y}}) aboard {{HMS|Victory}} and "
        "{{ship|USS|Maine}}; it weighed {{val|12345|u=kg}}, or 10<sup>4</sup> kg, in "
        "{{formatnum:1500}} pages, {{transl|ru|Moskva}}."
    )
    assert (
        "Gilbert (born July 18, 1969) met Huxley (died 22 November 1963) aboard HMS Victory "
        "and USS Maine; it weighed 12,345 kg, or 10^4 kg, in 1500 pages, Moskva." in text
    )
