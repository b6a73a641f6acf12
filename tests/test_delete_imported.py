"""Deleting a person whose mail and calendar were imported says all that went: Ruth deletes
a student's data on request, and "Deleted Sam Okafor and 2 meetings, 1 message you sent" left
out the messages received and the calendar events, which went too."""

from __future__ import annotations

from mail_samples import ME, at, calendar, event, mbox, message

from infoview.flows.calendar_import import import_calendar
from infoview.flows.mail_import import import_mail
from infoview.flows.records import delete_record
from infoview.models import CalendarEvent, MailMessage, Person, UserProfile

SAM = "sam@kestrel.example"


def test_deleting_a_person_names_their_imported_mail_and_calendar_events_too(store, tmp_path):
    store.save_profile(UserProfile(name="Lena Fischer", email=ME))
    sam = store.add(Person(name="Sam Okafor", email=SAM))
    import_mail(store, mbox(tmp_path / "m.mbox", [
        message(f"Lena <{ME}>", SAM, "Coffee?", at(4), "a@l"),
        message(f"Sam <{SAM}>", ME, "Re: Coffee?", at(5), "b@k")]))
    path = tmp_path / "c.ics"
    path.write_text(calendar([event("e1", ":20240310T150000Z", "Coffee with Sam Okafor",
                                    lines=(f"ATTENDEE;CN=Sam Okafor:mailto:{SAM}",))]))
    import_calendar(store, path)
    said = delete_record(store, "person", sam.id).describe()
    assert "1 calendar event" in said, said
    # the message she sent is one thing, said once (it read "1 message you sent, 2 mail
    # messages" for one message each way)
    assert "1 message you sent, 1 mail message," in said, said
    assert store.list(MailMessage) == [] and store.list(CalendarEvent) == []
