"""The `{placeholder}` renderer: names only, nothing run, nothing reached, nothing formatted."""

from __future__ import annotations

import pytest

from netdesk.formats.mail.defaults import BUILTIN_TEMPLATES
from netdesk.formats.mail.template import (
    PLACEHOLDERS,
    TemplateError,
    TemplateProblem,
    problems,
    render,
    used,
)

VALUES = dict.fromkeys(PLACEHOLDERS, "X")


@pytest.mark.parametrize(
    ("text", "placeholder", "words"),
    [
        ("{first_name.__class__}", "{first_name.__class__}", "without dots or brackets"),
        ("{first_name.__class__.__mro__}", "{first_name.__class__.__mro__}", "without dots"),
        ("{first_name[0]}", "{first_name[0]}", "without dots or brackets"),
        ("{0}", "{0}", "is a number"),
        ("{}", "{}", "has no name"),
        ("{x!r}", "{x!r}", "cannot have a !conversion"),
        ("{first_name!s}", "{first_name!s}", "cannot have a !conversion"),
        ("{first_name:>999999999}", "{first_name:>999999999}", "cannot have a :format"),
        ("{first_name:{last_name}}", "{first_name:{last_name}}", "cannot have a :format"),
        ("{shoe_size}", "{shoe_size}", "is not a placeholder netdesk knows"),
        ("{ first_name }", "{ first_name }", "without dots or brackets"),
        ("Hi {first_name", "", "a { without its }"),
        ("Hi first_name}", "", "a } without its {"),
        ("{first_name!}", "", "braces"),
    ],
)
def test_refused_templates_name_the_placeholder(text: str, placeholder: str, words: str) -> None:
    [problem] = problems(text)
    assert problem.placeholder == placeholder
    assert words in problem.message
    with pytest.raises(TemplateError) as caught:
        render(text, VALUES)
    assert words in str(caught.value)


def test_the_format_spec_is_never_applied() -> None:
    # str.format would build a string of a billion spaces here.
    with pytest.raises(TemplateError):
        render("{first_name:>999999999}", {"first_name": "Ana"})


def test_a_long_placeholder_is_shortened_in_the_message() -> None:
    [problem] = problems("{" + "a" * 500 + "}")
    assert len(problem.placeholder) <= 60 and problem.placeholder.endswith("...}")


def test_each_problem_once_in_order() -> None:
    assert problems("{a} {b} {a} {first_name}") == [
        TemplateProblem("{a}", "{a} is not a placeholder netdesk knows"),
        TemplateProblem("{b}", "{b} is not a placeholder netdesk knows"),
    ]


def test_values_are_inserted_as_text_never_read_as_templates() -> None:
    values = {"first_name": "{last_name.__class__} {{x}} {0}", "last_name": "Secret"}
    assert render("Hi {first_name}!", values) == "Hi {last_name.__class__} {{x}} {0}!"


def test_double_braces_are_literal() -> None:
    assert render("{{first_name}} is {first_name}", {"first_name": "Ana"}) == (
        "{first_name} is Ana"
    )
    assert problems("{{ and }}") == []


def test_a_line_whose_placeholders_are_all_empty_is_left_out() -> None:
    text = "Hi {first_name},\nWe talked about {talked_about}.\n{title} at {organization}\nBye\n"
    values = {"first_name": "Ana", "talked_about": " ", "title": "", "organization": "ACME"}
    assert render(text, values) == "Hi Ana,\n at ACME\nBye\n"
    assert render("No placeholders\n\nhere", {}) == "No placeholders\n\nhere"


def test_non_ascii_everywhere() -> None:
    assert render("Grüße, {first_name} 😀", {"first_name": "Zoë 李"}) == "Grüße, Zoë 李 😀"


def test_every_builtin_template_is_valid_and_uses_only_known_names() -> None:
    keys = [t.key for t in BUILTIN_TEMPLATES]
    assert keys == ["nice-to-meet", "promised", "thanks-talk", "introduction", "reconnect"]
    for template in BUILTIN_TEMPLATES:
        assert problems(template.subject) == [] and problems(template.body) == []
        assert "\n" not in template.subject
        assert render(template.body, VALUES).startswith("Hi X")
    assert "reason" in used(BUILTIN_TEMPLATES[3].body)
    assert [t.key for t in BUILTIN_TEMPLATES if t.attach_my_card] == ["nice-to-meet"]


def test_many_problems_make_one_short_message() -> None:
    text = "".join(f"{{bad{n}}}" for n in range(10_000))
    assert len(problems(text)) == 10_000
    with pytest.raises(TemplateError) as caught:
        render(text, VALUES)
    message = str(caught.value)
    assert message.count("is not a placeholder") == 5 and message.endswith("; and 9,995 more")


def test_a_left_out_line_between_blank_lines_leaves_one_blank_line() -> None:
    # "Following up on what I promised: {promise}" without a follow-up used to leave two
    # blank lines in a row in the email; blank lines the template itself doubles stay.
    text = "Hi,\n\nWhat I promised: {promise}\n\nHere it is.\n\n\nBye"
    assert render(text, {}) == "Hi,\n\nHere it is.\n\n\nBye"
    assert render(text, {"promise": "slides"}) == (
        "Hi,\n\nWhat I promised: slides\n\nHere it is.\n\n\nBye"
    )
