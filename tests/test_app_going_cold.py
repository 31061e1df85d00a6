"""The Going cold page on the seed, run headless with AppTest: what can be acted on soonest comes
first, and officials who will attend an event are marked."""

from __future__ import annotations

from conftest import open_app


def test_officials_at_the_next_event_come_first_and_are_marked(seed_url, monkeypatch):
    at = open_app(seed_url, monkeypatch, "graphkit/app/interactions.py", timeout=60)
    at.selectbox(key="cold_coalition").select_index(0).run()  # anyone's ties
    assert not at.exception
    rows = [m.value for m in at.markdown if "→" in m.value]
    marked = [r for r in rows if "will attend IGF 2027** on 15 June 2027" in r]
    assert rows[: len(marked)] == marked and len(marked) >= 5  # the ones with a chance to meet first
    assert "Sipho Molefe" in rows[0] and "strength 5 of 5" in rows[0]
    assert ":material/event: **Wambui Gichuru will attend IGF 2027**" in "\n".join(marked)
    unmarked = rows[len(marked) :]
    strengths = [int(r.split("strength ")[1][0]) for r in unmarked]
    assert strengths == sorted(strengths, reverse=True)  # then the strongest ties
    assert any(c.value.startswith("What can be acted on soonest first") for c in at.caption)


def test_the_log_form_of_a_cold_tie_has_a_topic_and_a_follow_up_date(seed_url, monkeypatch):
    at = open_app(seed_url, monkeypatch, "graphkit/app/interactions.py", timeout=60)
    form = "cold-log-person-kamau-mwangi-person-baraka-ochieng"
    assert at.text_input(key=f"{form}-topic").label == "Topic (optional)"
    assert at.date_input(key=f"{form}-follow-up").value is None
