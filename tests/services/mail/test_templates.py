"""The template list: built-ins, the user's edits of them, and templates of their own."""

from __future__ import annotations

import pytest

from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.mail import TemplateRecord
from netdesk.services.service_set import Services

BUILTIN_KEYS = ["nice-to-meet", "promised", "thanks-talk", "introduction", "reconnect"]


def test_the_five_builtins_come_first_in_order(services: Services) -> None:
    templates = services.templates.list()
    assert [t.key for t in templates] == BUILTIN_KEYS
    assert all(t.builtin and not t.edited for t in templates)
    assert services.templates.get("nice-to-meet").attach_my_card


def test_editing_a_builtin_then_resetting_it(services: Services) -> None:
    original = services.templates.get("reconnect")
    edited = TemplateRecord("reconnect", "Catch up", "Long time, {first_name}", "Hi")
    services.templates.save(edited)
    got = services.templates.get("reconnect")
    assert (got.name, got.subject, got.builtin, got.edited) == (
        "Catch up",
        "Long time, {first_name}",
        True,
        True,
    )
    assert [t.key for t in services.templates.list()] == BUILTIN_KEYS
    services.templates.reset("reconnect")
    assert services.templates.get("reconnect") == original


def test_own_templates_follow_and_can_be_deleted(services: Services) -> None:
    key = services.templates.new_key("Thanks, Zoë!")
    assert key == "thanks-zoe"
    services.templates.save(TemplateRecord(key, "Thanks, Zoë!", "Thanks", "Hi {first_name}"))
    assert services.templates.new_key("Thanks, Zoë!") == "thanks-zoe-2"
    assert services.templates.list()[-1].key == key
    assert not services.templates.get(key).builtin
    services.templates.delete(key)
    with pytest.raises(NotFoundError, match="the templates are: nice-to-meet"):
        services.templates.get(key)


def test_builtins_cannot_be_deleted(services: Services) -> None:
    with pytest.raises(ValidationError):
        services.templates.delete("promised")


@pytest.mark.parametrize(
    ("subject", "body", "field", "words"),
    [
        ("{first_name.__class__}", "", "subject", "without dots or brackets"),
        ("Hi", "{0}", "body", "is a number"),
        ("Hi", "{}", "body", "has no name"),
        ("Hi", "{first_name!r}", "body", "!conversion"),
        ("Hi", "{first_name:>999999999}", "body", ":format"),
        ("Hi", "{first_name", "body", "without its }"),
        ("Hi", "}", "body", "without its {"),
        ("Hi {shoe_size}", "", "subject", "{shoe_size} is not a placeholder"),
        ("Two\nlines", "", "subject", "one line"),
    ],
)
def test_a_template_with_problems_is_not_saved(
    services: Services, subject: str, body: str, field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.templates.save(TemplateRecord("x", "X", subject, body))
    assert words in caught.value.errors[field]
    assert [t.key for t in services.templates.list()] == BUILTIN_KEYS


def test_bad_keys_and_names_are_refused(services: Services) -> None:
    for key in ("", "Has Space", "-dash", "a" * 61, "ü"):
        with pytest.raises(ValidationError) as caught:
            services.templates.save(TemplateRecord(key, "Name", "", ""))
        assert "key" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        services.templates.save(TemplateRecord("ok", " ", "", ""))
    assert "name" in caught.value.errors


def test_a_builtin_edited_back_to_the_original_is_not_edited(services: Services) -> None:
    original = services.templates.get("promised")
    services.templates.save(TemplateRecord("promised", "Mine", original.subject, original.body))
    assert services.templates.get("promised").edited
    assert services.templates.save(original) == original
    assert not services.templates.get("promised").edited
