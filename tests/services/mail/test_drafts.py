"""Composing emails from templates for real people, and logging them as sent: over SQLite and
PostgreSQL."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, date, datetime

import pytest

from netdesk.formats.mail.mailto import parse_mailto
from netdesk.models.note import NoteTopic
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.mail import TemplateRecord
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from tests.services.mail.helpers import event, me, met, person


def test_nice_to_meet_fills_the_person_the_event_what_we_talked_about_and_me(
    services: Services,
) -> None:
    me(services)
    ana, pycon = person(services, "Ana Lima"), event(services)
    met(services, ana, pycon, "Rust on microcontrollers.")
    [draft] = services.drafts.compose(None, [ana], event_id=pycon)
    assert draft.template_key == "nice-to-meet"
    assert draft.subject == "Nice to meet you at PyCon DE"
    assert draft.to == [("Ana Lima", "ana@example.org")]
    assert draft.body.startswith("Hi Ana,\n\nIt was good to meet you at PyCon DE.\n")
    assert "our conversation about Rust on microcontrollers.\n" in draft.body
    assert draft.body.endswith("Best wishes,\nJonas Weiß\nEngineer\nGröna AB\n+46 8 123 456\n")
    assert draft.sender == ("Jonas Weiß", "jonas@example.se")
    assert draft.attach_card is not None and draft.card_filename == "Jonas-Weiß.vcf"
    assert draft.missing_email == []


def test_default_template_follows_what_the_email_is_about(services: Services) -> None:
    ana, pycon = person(services), event(services)
    fid = services.followups.add(ana, "Send the  slides", date(2025, 5, 1), pycon)
    [by_followup] = services.drafts.compose(None, [], followup_id=fid)
    assert by_followup.template_key == "promised"
    assert by_followup.subject == "What I promised: Send the slides"
    assert (by_followup.event_id, by_followup.followup_id) == (pycon, fid)
    [alone] = services.drafts.compose(None, [person(services, "Bo", "bo@example.org")])
    assert alone.template_key == "reconnect"
    assert alone.event_id is None


def test_a_person_with_an_event_gets_nice_to_meet_for_the_event_they_were_met_at(
    services: Services,
) -> None:
    ana = person(services)
    old, newer = event(services, "Old", date(2024, 1, 5)), event(services, "New", date(2025, 1, 5))
    met(services, ana, old)
    services.events.add_attendee(newer, ana)  # there, but not met
    [draft] = services.drafts.compose("nice-to-meet", [ana])
    assert draft.event_id == old and draft.subject == "Nice to meet you at Old"


def test_several_people_get_one_personal_email_each(services: Services) -> None:
    pycon = event(services)
    ids = [person(services, f"Person {n}", f"p{n}@example.org") for n in range(3)]
    drafts = services.drafts.compose("nice-to-meet", ids, event_id=pycon)
    assert [d.contact_ids for d in drafts] == [(i,) for i in ids]
    assert [d.body.splitlines()[0] for d in drafts] == ["Hi Person,"] * 3
    assert [d.to[0][1] for d in drafts] == ["p0@example.org", "p1@example.org", "p2@example.org"]


def test_a_person_without_email_is_named_in_missing_email(services: Services) -> None:
    nobody = person(services, "Zoë Noaddress", None)
    [draft] = services.drafts.compose("reconnect", [nobody])
    assert draft.to == [] and draft.missing_email == ["Zoë Noaddress"]
    url = services.drafts.mailto(draft).url
    assert url.startswith("mailto:?subject=")


def test_without_a_me_card_my_values_are_empty_and_nothing_is_attached(
    services: Services,
) -> None:
    ana, pycon = person(services), event(services)
    [draft] = services.drafts.compose("nice-to-meet", [ana], event_id=pycon)
    assert draft.attach_card is None and draft.sender is None
    assert draft.body.rstrip().endswith("Best wishes,")  # the {my_first_name} line left out
    msg = services.drafts.message(draft)
    assert msg["From"] is None and msg["X-Unsent"] == "1"


def test_mailto_decodes_back_to_the_draft(services: Services) -> None:
    ana = person(services, "Ana Lima", "ana+net@example.org")
    [draft] = services.drafts.compose("reconnect", [ana])
    link = services.drafts.mailto(draft)
    assert not link.shortened
    assert parse_mailto(link.url) == (["ana+net@example.org"], draft.subject, draft.body)


def test_message_reads_back_with_the_attached_card(services: Services) -> None:
    me(services)
    ana, pycon = person(services, "Ana Lima"), event(services)
    [draft] = services.drafts.compose("nice-to-meet", [ana], event_id=pycon)
    data = services.drafts.eml_bytes(draft)
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert str(msg["To"]) == "Ana Lima <ana@example.org>"
    assert str(msg["From"]) == "Jonas Weiß <jonas@example.se>"
    assert msg["Subject"] == "Nice to meet you at PyCon DE"
    body = msg.get_body(("plain",))
    assert body is not None and body.get_content().replace("\r\n", "\n") == draft.body
    [card] = list(msg.iter_attachments())
    assert card.get_content_type() == "text/vcard"
    assert card.get_filename() == "Jonas-Weiß.vcf"
    assert b"FN:Jonas Wei\xc3\x9f" in card.get_payload(decode=True)


def test_record_then_mark_sent_writes_an_emailed_note_with_the_event(services: Services) -> None:
    ana, pycon = person(services), event(services)
    fid = services.followups.add(ana, "Send slides", None, pycon)
    drafts = services.drafts.compose(None, [ana], followup_id=fid)
    [draft_id] = services.drafts.record(drafts)
    [pending] = services.drafts.pending(ana)
    assert (pending.id, pending.contact_name, pending.subject) == (
        draft_id,
        "Ana Lima",
        "What I promised: Send slides",
    )
    assert (pending.followup_id, pending.event_id) == (fid, pycon)
    at = datetime(2025, 4, 24, 8, 30, tzinfo=UTC)
    result = services.drafts.mark_sent([draft_id], at)
    [note_id] = result.note_ids
    note = services.notes.get(note_id)
    assert note.body == "Emailed: What I promised: Send slides"
    assert note.topic == NoteTopic.EMAILED.value and note.event_id == pycon
    assert services.drafts.pending() == []
    assert services.drafts.mark_sent([draft_id]).note_ids == []  # once only


def test_discard_forgets_a_pending_draft(services: Services) -> None:
    ana = person(services)
    [draft_id] = services.drafts.record(services.drafts.compose("reconnect", [ana]))
    services.drafts.discard(draft_id)
    assert services.drafts.pending() == []
    with pytest.raises(NotFoundError):
        services.drafts.discard(draft_id)


def test_introduction_is_one_email_to_both_and_recorded_once_when_sent(
    services: Services,
) -> None:
    me(services)
    ana = person(services, "Ana Lima", "ana@example.org", title="CTO", organization="Solar")
    bo = person(services, "Bo Berg", "bo@example.org")
    draft = services.drafts.introduce(ana, bo, "both of you build heat pumps")
    assert draft.to == [("Ana Lima", "ana@example.org"), ("Bo Berg", "bo@example.org")]
    assert draft.subject == "Introduction: Ana and Bo"
    assert "I think you two should meet: both of you build heat pumps" in draft.body
    assert "Bo, meet Ana Lima\nCTO\nSolar\n" in draft.body
    assert "Ana, meet Bo Berg\n\n" in draft.body  # Bo's empty title and organisation left out
    ids = services.drafts.record([draft])
    assert len(ids) == 2
    assert services.introductions.for_contact(ana) == []  # not sent yet
    at = datetime(2025, 6, 2, 10, tzinfo=UTC)
    result = services.drafts.mark_sent(ids[:1], at)
    assert len(result.introduction_ids) == 1 and len(result.note_ids) == 2
    [seen_by_ana] = services.introductions.for_contact(ana)
    [seen_by_bo] = services.introductions.for_contact(bo)
    assert (seen_by_ana.other_name, seen_by_bo.other_name) == ("Bo Berg", "Ana Lima")
    assert seen_by_ana.introduced_on == at.astimezone().date()  # the user's day
    assert seen_by_ana.reason == "both of you build heat pumps"


def test_introducing_someone_to_themselves_is_refused(services: Services) -> None:
    ana = person(services)
    with pytest.raises(ValidationError):
        services.drafts.introduce(ana, ana, "")


def test_preview_fills_an_unsaved_template(services: Services) -> None:
    ana = person(services, "Ana Lima")
    template = TemplateRecord("mine", "Mine", "Hello {first_name}", "{full_name} at {event}")
    assert services.drafts.preview(template, ana) == ("Hello Ana", "Ana Lima at ")
    bad = TemplateRecord("mine", "Mine", "{first_name.__class__}", "")
    with pytest.raises(ValidationError, match=r"first_name\.__class__"):
        services.drafts.preview(bad, ana)


def test_unknown_template_names_the_keys(services: Services) -> None:
    ana = person(services)
    with pytest.raises(NotFoundError, match="nice-to-meet, promised, thanks-talk"):
        services.drafts.compose("nope", [ana])


def test_a_follow_up_deleted_before_recording_leaves_the_draft_standing(
    services: Services,
) -> None:
    ana, pycon = person(services), event(services)
    fid = services.followups.add(ana, "Send slides", None, pycon)
    drafts = services.drafts.compose(None, [ana], followup_id=fid)
    services.followups.delete(fid)
    services.events.delete(pycon)
    [draft_id] = services.drafts.record(drafts)
    [pending] = services.drafts.pending()
    assert (pending.id, pending.followup_id, pending.event_id) == (draft_id, None, None)


def test_notes_with_line_breaks_and_controls_never_reach_the_subject(services: Services) -> None:
    ana, pycon = person(services), event(services)
    services.notes.add(ana, "Rust\r\non chips\x1b[31m", NoteTopic.TALKED_ABOUT.value, pycon)
    thanks = TemplateRecord("t", "T", "About {talked_about}", "Hi\r\n{talked_about}")
    subject, body = services.drafts.preview(thanks, ana, event_id=pycon)
    assert subject == "About Rust on chips[31m"
    assert body == "Hi\nRust\non chips[31m"


def test_preview_uses_the_event_they_were_met_at(services: Services) -> None:
    ana, pycon = person(services), event(services)
    met(services, ana, pycon)
    template = services.templates.get("nice-to-meet")
    assert services.drafts.preview(template, ana)[0] == "Nice to meet you at PyCon DE"


def test_first_name_skips_a_title_and_prefers_the_given_name(services: Services) -> None:
    dr = person(services, "Dr. Ana Lima")
    assert services.drafts.compose("reconnect", [dr])[0].body.startswith("Hi Ana,\n")
    given = services.contacts.create(
        ContactInput(formatted_name="Lima, Ana", given_name="Ana María", emails=["a@x.org"])
    )
    assert services.drafts.compose("reconnect", [given])[0].body.startswith("Hi Ana María,\n")


def test_event_date_is_the_day_where_the_event_was_held(services: Services) -> None:
    ana = person(services)
    auckland = services.events.create(
        EventInput(
            name="Kiwi PyCon",
            starts_at=datetime(2025, 4, 22, 20, tzinfo=UTC),
            timezone="Pacific/Auckland",
        )
    )
    all_day = services.events.create(
        EventInput(name="Day", starts_at=datetime(2025, 4, 23, tzinfo=UTC), all_day=True)
    )
    fid = services.followups.add(ana, "Send slides", date(2025, 5, 1), auckland)
    template = TemplateRecord("d", "D", "{event} on {event_date}", "{promise} by {due_date}")
    assert services.drafts.preview(template, ana, followup_id=fid) == (
        "Kiwi PyCon on 23 April 2025",
        "Send slides by 1 May 2025",
    )
    assert services.drafts.preview(template, ana, event_id=all_day)[0] == "Day on 23 April 2025"


def test_a_subject_whose_placeholders_are_all_empty_keeps_its_words(services: Services) -> None:
    # "What I promised: {promise}" picked for a person without a follow-up: the optional-line
    # rule of the body used to leave the subject empty.
    [draft] = services.drafts.compose("promised", [person(services)])
    assert draft.subject == "What I promised:"
    assert "Here it is." in draft.body


def test_an_imported_address_pythons_parser_refuses_is_no_address(services: Services) -> None:
    # A vCard's "EMAIL:ana@example..org" is kept as it is; composing for her raised
    # HeaderParseError (a traceback in the window, "HeaderParseError" from netdesk draft).
    ana = person(services, "Ana Lima", "ana@example..org")
    [draft] = services.drafts.compose("reconnect", [ana])
    assert draft.to == [] and draft.missing_email == ["Ana Lima"]
