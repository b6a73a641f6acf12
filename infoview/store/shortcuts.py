"""The named shortcuts of :class:`~infoview.store.core.Store`, one per record type and verb.

Written out (rather than generated when the module loads) so that editors, type checkers
and ``help(Store)`` see every one of them. Each is one line over the generic method.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, TypeVar

from infoview.models import (
    Action,
    Affiliation,
    CalendarEvent,
    Insight,
    MailMessage,
    Meeting,
    Organization,
    Outcome,
    Outreach,
    Person,
    QuestionAsked,
    Record,
    Referral,
    ResearchSnapshot,
)

R = TypeVar("R", bound=Record)


class StoreShortcuts:
    """Mixin of :class:`~infoview.store.core.Store`: ``add_person``, ``list_people``, ...

    The generic methods (``add``, ``get``, ``list``, ``update``, ``delete``) are the
    store's own; ``delete_person`` is written in the store (it removes a person everywhere).
    """

    if TYPE_CHECKING:  # the generic methods, defined by the Store itself
        def add(self, record: R) -> R: ...
        def get(self, record_type: type[R], record_id: int) -> R: ...
        def list(self, record_type: type[R], **filters: Any) -> builtins.list[R]: ...
        def update(self, record: R) -> R: ...
        def delete(self, record_type: type[Record], record_id: int) -> None: ...

    # ---- Person ----

    def add_person(self, record: Person) -> Person:
        """Save a new :class:`~infoview.models.Person`; returns it with its id."""
        return self.add(record)

    def get_person(self, record_id: int) -> Person:
        """The :class:`~infoview.models.Person` with this id; raises NotFound."""
        return self.get(Person, record_id)

    def list_people(self, **filters: Any) -> builtins.list[Person]:
        """:class:`~infoview.models.Person` records whose fields equal ``filters``."""
        return self.list(Person, **filters)

    def update_person(self, record: Person) -> Person:
        """Write a saved :class:`~infoview.models.Person` back."""
        return self.update(record)

    # ---- Organization ----

    def add_organization(self, record: Organization) -> Organization:
        """Save a new :class:`~infoview.models.Organization`; returns it with its id."""
        return self.add(record)

    def get_organization(self, record_id: int) -> Organization:
        """The :class:`~infoview.models.Organization` with this id; raises NotFound."""
        return self.get(Organization, record_id)

    def list_organizations(self, **filters: Any) -> builtins.list[Organization]:
        """:class:`~infoview.models.Organization` records whose fields equal ``filters``."""
        return self.list(Organization, **filters)

    def update_organization(self, record: Organization) -> Organization:
        """Write a saved :class:`~infoview.models.Organization` back."""
        return self.update(record)

    def delete_organization(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.Organization` with this id (see ``Store.delete``)."""
        self.delete(Organization, record_id)

    # ---- ResearchSnapshot ----

    def add_research_snapshot(self, record: ResearchSnapshot) -> ResearchSnapshot:
        """Save a new :class:`~infoview.models.ResearchSnapshot`; returns it with its id."""
        return self.add(record)

    def get_research_snapshot(self, record_id: int) -> ResearchSnapshot:
        """The :class:`~infoview.models.ResearchSnapshot` with this id; raises NotFound."""
        return self.get(ResearchSnapshot, record_id)

    def list_research_snapshots(self, **filters: Any) -> builtins.list[ResearchSnapshot]:
        """:class:`~infoview.models.ResearchSnapshot` records whose fields equal ``filters``."""
        return self.list(ResearchSnapshot, **filters)

    def update_research_snapshot(self, record: ResearchSnapshot) -> ResearchSnapshot:
        """Write a saved :class:`~infoview.models.ResearchSnapshot` back."""
        return self.update(record)

    def delete_research_snapshot(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.ResearchSnapshot` with this id."""
        self.delete(ResearchSnapshot, record_id)

    # ---- Outreach ----

    def add_outreach(self, record: Outreach) -> Outreach:
        """Save a new :class:`~infoview.models.Outreach`; returns it with its id."""
        return self.add(record)

    def get_outreach(self, record_id: int) -> Outreach:
        """The :class:`~infoview.models.Outreach` with this id; raises NotFound."""
        return self.get(Outreach, record_id)

    def list_outreach(self, **filters: Any) -> builtins.list[Outreach]:
        """:class:`~infoview.models.Outreach` records whose fields equal ``filters``."""
        return self.list(Outreach, **filters)

    def update_outreach(self, record: Outreach) -> Outreach:
        """Write a saved :class:`~infoview.models.Outreach` back."""
        return self.update(record)

    def delete_outreach(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.Outreach` with this id (see ``Store.delete``)."""
        self.delete(Outreach, record_id)

    # ---- Meeting ----

    def add_meeting(self, record: Meeting) -> Meeting:
        """Save a new :class:`~infoview.models.Meeting`; returns it with its id."""
        return self.add(record)

    def get_meeting(self, record_id: int) -> Meeting:
        """The :class:`~infoview.models.Meeting` with this id; raises NotFound."""
        return self.get(Meeting, record_id)

    def list_meetings(self, **filters: Any) -> builtins.list[Meeting]:
        """:class:`~infoview.models.Meeting` records whose fields equal ``filters``."""
        return self.list(Meeting, **filters)

    def update_meeting(self, record: Meeting) -> Meeting:
        """Write a saved :class:`~infoview.models.Meeting` back."""
        return self.update(record)

    def delete_meeting(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.Meeting` with this id (see ``Store.delete``)."""
        self.delete(Meeting, record_id)

    # ---- QuestionAsked ----

    def add_question_asked(self, record: QuestionAsked) -> QuestionAsked:
        """Save a new :class:`~infoview.models.QuestionAsked`; returns it with its id."""
        return self.add(record)

    def get_question_asked(self, record_id: int) -> QuestionAsked:
        """The :class:`~infoview.models.QuestionAsked` with this id; raises NotFound."""
        return self.get(QuestionAsked, record_id)

    def list_questions_asked(self, **filters: Any) -> builtins.list[QuestionAsked]:
        """:class:`~infoview.models.QuestionAsked` records whose fields equal ``filters``."""
        return self.list(QuestionAsked, **filters)

    def update_question_asked(self, record: QuestionAsked) -> QuestionAsked:
        """Write a saved :class:`~infoview.models.QuestionAsked` back."""
        return self.update(record)

    def delete_question_asked(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.QuestionAsked` with this id."""
        self.delete(QuestionAsked, record_id)

    # ---- Referral ----

    def add_referral(self, record: Referral) -> Referral:
        """Save a new :class:`~infoview.models.Referral`; returns it with its id."""
        return self.add(record)

    def get_referral(self, record_id: int) -> Referral:
        """The :class:`~infoview.models.Referral` with this id; raises NotFound."""
        return self.get(Referral, record_id)

    def list_referrals(self, **filters: Any) -> builtins.list[Referral]:
        """:class:`~infoview.models.Referral` records whose fields equal ``filters``."""
        return self.list(Referral, **filters)

    def update_referral(self, record: Referral) -> Referral:
        """Write a saved :class:`~infoview.models.Referral` back."""
        return self.update(record)

    def delete_referral(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.Referral` with this id (see ``Store.delete``)."""
        self.delete(Referral, record_id)

    # ---- Action ----

    def add_action(self, record: Action) -> Action:
        """Save a new :class:`~infoview.models.Action`; returns it with its id."""
        return self.add(record)

    def get_action(self, record_id: int) -> Action:
        """The :class:`~infoview.models.Action` with this id; raises NotFound."""
        return self.get(Action, record_id)

    def list_actions(self, **filters: Any) -> builtins.list[Action]:
        """:class:`~infoview.models.Action` records whose fields equal ``filters``."""
        return self.list(Action, **filters)

    def update_action(self, record: Action) -> Action:
        """Write a saved :class:`~infoview.models.Action` back."""
        return self.update(record)

    def delete_action(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.Action` with this id (see ``Store.delete``)."""
        self.delete(Action, record_id)

    # ---- Outcome ----

    def add_outcome(self, record: Outcome) -> Outcome:
        """Save a new :class:`~infoview.models.Outcome`; returns it with its id."""
        return self.add(record)

    def get_outcome(self, record_id: int) -> Outcome:
        """The :class:`~infoview.models.Outcome` with this id; raises NotFound."""
        return self.get(Outcome, record_id)

    def list_outcomes(self, **filters: Any) -> builtins.list[Outcome]:
        """:class:`~infoview.models.Outcome` records whose fields equal ``filters``."""
        return self.list(Outcome, **filters)

    def update_outcome(self, record: Outcome) -> Outcome:
        """Write a saved :class:`~infoview.models.Outcome` back."""
        return self.update(record)

    def delete_outcome(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.Outcome` with this id (see ``Store.delete``)."""
        self.delete(Outcome, record_id)

    # ---- Insight ----

    def add_insight(self, record: Insight) -> Insight:
        """Save a new :class:`~infoview.models.Insight`; returns it with its id."""
        return self.add(record)

    def get_insight(self, record_id: int) -> Insight:
        """The :class:`~infoview.models.Insight` with this id; raises NotFound."""
        return self.get(Insight, record_id)

    def list_insights(self, **filters: Any) -> builtins.list[Insight]:
        """:class:`~infoview.models.Insight` records whose fields equal ``filters``."""
        return self.list(Insight, **filters)

    def update_insight(self, record: Insight) -> Insight:
        """Write a saved :class:`~infoview.models.Insight` back."""
        return self.update(record)

    def delete_insight(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.Insight` with this id (see ``Store.delete``)."""
        self.delete(Insight, record_id)

    # ---- Affiliation ----

    def add_affiliation(self, record: Affiliation) -> Affiliation:
        """Save a new :class:`~infoview.models.Affiliation`; returns it with its id."""
        return self.add(record)

    def get_affiliation(self, record_id: int) -> Affiliation:
        """The :class:`~infoview.models.Affiliation` with this id; raises NotFound."""
        return self.get(Affiliation, record_id)

    def list_affiliations(self, **filters: Any) -> builtins.list[Affiliation]:
        """:class:`~infoview.models.Affiliation` records whose fields equal ``filters``."""
        return self.list(Affiliation, **filters)

    def update_affiliation(self, record: Affiliation) -> Affiliation:
        """Write a saved :class:`~infoview.models.Affiliation` back."""
        return self.update(record)

    def delete_affiliation(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.Affiliation` with this id (see ``Store.delete``)."""
        self.delete(Affiliation, record_id)

    # ---- MailMessage ----

    def add_mail_message(self, record: MailMessage) -> MailMessage:
        """Save a new :class:`~infoview.models.MailMessage`; returns it with its id."""
        return self.add(record)

    def get_mail_message(self, record_id: int) -> MailMessage:
        """The :class:`~infoview.models.MailMessage` with this id; raises NotFound."""
        return self.get(MailMessage, record_id)

    def list_mail_messages(self, **filters: Any) -> builtins.list[MailMessage]:
        """:class:`~infoview.models.MailMessage` records whose fields equal ``filters``."""
        return self.list(MailMessage, **filters)

    def update_mail_message(self, record: MailMessage) -> MailMessage:
        """Write a saved :class:`~infoview.models.MailMessage` back."""
        return self.update(record)

    def delete_mail_message(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.MailMessage` with this id (see ``Store.delete``)."""
        self.delete(MailMessage, record_id)

    # ---- CalendarEvent ----

    def add_calendar_event(self, record: CalendarEvent) -> CalendarEvent:
        """Save a new :class:`~infoview.models.CalendarEvent`; returns it with its id."""
        return self.add(record)

    def get_calendar_event(self, record_id: int) -> CalendarEvent:
        """The :class:`~infoview.models.CalendarEvent` with this id; raises NotFound."""
        return self.get(CalendarEvent, record_id)

    def list_calendar_events(self, **filters: Any) -> builtins.list[CalendarEvent]:
        """:class:`~infoview.models.CalendarEvent` records whose fields equal ``filters``."""
        return self.list(CalendarEvent, **filters)

    def update_calendar_event(self, record: CalendarEvent) -> CalendarEvent:
        """Write a saved :class:`~infoview.models.CalendarEvent` back."""
        return self.update(record)

    def delete_calendar_event(self, record_id: int) -> None:
        """Delete the :class:`~infoview.models.CalendarEvent` with this id (see ``Store.delete``)."""
        self.delete(CalendarEvent, record_id)
