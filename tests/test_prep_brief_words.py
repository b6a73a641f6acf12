"""The brief as a new user reads it on Prepare and on paper: how they know the person in
words, the missing email and introduction said plainly, the meeting's clock said once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import prep_samples as s

from infoview.models import UserProfile
from infoview.prep.render import render_html_fragment, render_markdown


def test_how_you_know_them_is_said_in_words_not_the_stored_code():
    # Seen on Prepare: "How you know them: cold".
    brief = s.brief(person=s.person(how_known="cold"), referred_by=None)
    assert brief.who.how_known == "no connection yet (cold)"
    assert "How you know them: no connection yet (cold)" in render_markdown(brief)
    assert "How you know them: a friend" in render_html_fragment(
        s.brief(person=s.person(how_known="friend"), referred_by=None))


def test_a_missing_email_and_introduction_say_where_to_fill_them_in():
    # Seen on Prepare: "Host: no email", and "fill in your profile" on an app whose page
    # for it is called About me.
    brief = s.brief(person=s.person(email=None), profile=UserProfile())
    shown = render_markdown(brief)
    assert "Their email: not recorded" in shown and "no email" not in shown
    assert any(w.startswith("Fill in About me") for w in brief.page_notes), brief.page_notes
    assert "Fill in About me" in render_html_fragment(brief)  # on the page only
    assert "your profile" not in shown.lower()


def test_a_printed_brief_leaves_a_line_for_the_introduction_not_a_note_to_the_app():
    # Seen in an exported brief: the agenda's introduction read "Fill in About me (...) to
    # get your introduction here", an instruction to the app on paper.
    from infoview.prep.brief import WRITE_ON
    from infoview.prep.render import render_html

    for profile in (UserProfile(), UserProfile(background="Ten years in nursing")):
        brief = s.brief(profile=profile)
        for printed in (render_markdown(brief), render_html(brief)):
            assert "About me" not in printed, printed
        if not profile.background:
            intro = next(i.text for i in brief.agenda if i.label == "About you")
            assert intro == f"If asked, your 30-second introduction: {WRITE_ON}"
            assert WRITE_ON in render_html(brief)
        assert "About me" in render_html_fragment(brief)  # the page still reminds


def test_a_partly_filled_about_me_prints_a_line_for_each_missing_part_not_a_placeholder():
    # Seen in an exported brief, About me holding only her name and what she explores:
    # "I'm Lena Fischer. [your background]. [your strengths]. Right now I am exploring ...".
    from infoview.prep.brief import WRITE_ON
    from infoview.prep.render import render_html

    brief = s.brief(profile=UserProfile(name="Lena Fischer",
                                        exploring="product roles in health tech"))
    intro = next(i.text for i in brief.agenda if i.label == "About you")
    assert intro.startswith("If asked, your 30-second introduction: I'm Lena Fischer. "
                            f"{WRITE_ON}. {WRITE_ON}. Right now"), intro
    for printed in (render_markdown(brief), render_html(brief)):
        assert "[" not in printed.split("30-second introduction")[1][:400], printed
        assert "About me" not in printed
    assert f"I'm Lena Fischer. {WRITE_ON}. {WRITE_ON}." in render_markdown(brief)
    note = " ".join(brief.page_notes)
    assert "About me lacks your background and your strengths" in note, note
    assert "a printed brief leaves a line" in note  # said on the page only


def test_a_printed_brief_leaves_a_line_for_the_reason_the_page_says_where_to_type_it():
    # Seen in an exported brief: "Why them: Add your own reason for choosing them.", which
    # on the page did not say where.
    from infoview.prep.brief import WRITE_ON
    from infoview.prep.render import render_html

    brief = replace(s.brief(), reason=None)
    for printed in (render_markdown(brief), render_html(brief)):
        assert "Add your own reason" not in printed
    assert WRITE_ON in render_html(brief)
    assert f"\n{WRITE_ON}\n" in render_markdown(brief)  # as a line, no backslashes
    assert 'Type your reason in "Why them (your words)" above.' in \
        render_html_fragment(brief).replace("&#34;", '"')


def test_a_meeting_on_utc_says_utc_once(computer_in_utc):
    # Seen on Prepare, on a computer on UTC with no zone in About me or the meeting:
    # "10:00-10:20 UTC (UTC offset +0000)".
    brief = s.brief(meeting=s.meeting(timezone=None,
                                      starts_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC)),
                    profile=replace(s.profile(), timezone=None))
    assert "10:00-10:20 UTC" in brief.logistics.when
    assert "UTC offset" not in brief.logistics.when
