"""The templates netdesk comes with: short, personal, each with one clear next step, as
follow-up advice for networkers has it (write within a day or two, recall what you talked
about, keep the promise, make it easy to answer, introduce only with both people's consent).
A line whose placeholders all come out empty is left out (formats.mail.template.render), so
optional details sit on lines of their own. Paragraphs are single lines: mail programs wrap
them to the window (a hard-wrapped line breaks early in a narrow one)."""

from __future__ import annotations

from dataclasses import dataclass

# A paragraph is one line, however long.
# ruff: noqa: E501


@dataclass(frozen=True)
class TemplateText:
    key: str
    name: str
    subject: str
    body: str
    attach_my_card: bool = False


NICE_TO_MEET = TemplateText(
    key="nice-to-meet",
    name="Nice to meet you",
    subject="Nice to meet you at {event}",
    body="""Hi {first_name},

It was good to meet you at {event}.
I enjoyed our conversation about {talked_about}.

I'd be glad to stay in touch. If it's useful, we could continue over a coffee or a short call in the next few weeks; just say what suits you.

Best wishes,
{my_name}
{my_title}
{my_organization}
{my_phone}
""",
    attach_my_card=True,
)

PROMISED = TemplateText(
    key="promised",
    name="Sending what I promised",
    subject="What I promised: {promise}",
    body="""Hi {first_name},

Following up on what I promised: {promise}

Here it is. If anything is missing or you'd like to talk it through, just reply to this email.

Best wishes,
{my_first_name}
""",
)

THANKS_TALK = TemplateText(
    key="thanks-talk",
    name="Thanks for your talk",
    subject="Thanks for your talk at {event}",
    body="""Hi {first_name},

Thank you for your talk at {event}.
What stayed with me most: {talked_about}

I'd love to hear more about it sometime. Is there anything I can help with, or anyone you'd like to meet?

Best wishes,
{my_name}
{my_title}
{my_organization}
""",
)

INTRODUCTION = TemplateText(
    key="introduction",
    name="Introduction of two people",
    subject="Introduction: {first_first_name} and {second_first_name}",
    body="""Hi {first_first_name} and {second_first_name},

I think you two should meet: {reason}

{first_first_name}, meet {second_full_name}
{second_title}
{second_organization}

{second_first_name}, meet {first_full_name}
{first_title}
{first_organization}

Would you each like to talk? Just reply to say so, and if you both do, I'll leave it to you to find a time. No pressure either way: if now is not a good moment, a short "not now" is perfectly fine.

Best wishes,
{my_first_name}
""",
)

RECONNECT = TemplateText(
    key="reconnect",
    name="Reconnect after a while",
    subject="It has been a while",
    body="""Hi {first_name},

It has been a while since we last spoke, and you came to mind. How are you, and what are you working on these days?

I'd be glad to catch up, over a coffee or a short call, whenever suits you.

Best wishes,
{my_first_name}
""",
)

BUILTIN_TEMPLATES: tuple[TemplateText, ...] = (
    NICE_TO_MEET,
    PROMISED,
    THANKS_TALK,
    INTRODUCTION,
    RECONNECT,
)
