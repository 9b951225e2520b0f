"""The screenshots of email in the window: the Write email dialog, Sent?, the templates editor
(and a refused placeholder named beside the field), Introduce, and the person page's emails and
introductions. Used by screenshots.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from netdesk.services.service_set import Services
from netdesk.ui.main_window import PEOPLE, MainWindow


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def mail_scenes(app: QApplication, window: MainWindow, services: Services, out: Path) -> None:
    recent = services.today.summary().recently_met
    people = [m.contact_id for m in recent if services.contacts.get(m.contact_id).emails]
    first, second, third = people[0], people[1], people[2]

    write = window.mail.write_to(first, "")
    assert write is not None
    write.resize(640, 560)
    settle(app)
    write.grab().save(str(out / "write-email.png"))
    write.reject()

    drafts = services.drafts.compose(None, [first])
    sent = window.mail.ask_sent(drafts, services.drafts.record(drafts))
    settle(app)
    sent.grab().save(str(out / "email-sent.png"))
    sent.reject()  # Not yet: stays pending on the person's page

    templates = window.mail.edit_templates()
    assert templates is not None
    templates.resize(1200, 640)
    settle(app)
    templates.grab().save(str(out / "email-templates.png"))
    templates.body_edit.moveCursor(templates.body_edit.textCursor().MoveOperation.End)
    templates.body_edit.insertPlainText("P.S. {first_name.__class__} and {nickname}\n")
    settle(app)
    templates.grab().save(str(out / "email-template-problem.png"))
    templates.body_edit.undo()  # nothing of the bad edit is saved
    templates.reject()

    introduce = window.mail.introduce(second, third)
    assert introduce is not None
    introduce.reason_edit.setPlainText(
        "You both work on heat-wave forecasting, one in research and one in a start-up."
    )
    introduce.refresh()
    introduce.resize(660, 620)
    settle(app)
    introduce.grab().save(str(out / "introduce.png"))
    introduce.reject()

    # An introduction made and marked sent, shown on the person page with the pending email.
    draft = services.drafts.introduce(first, second, "You both work on heat-wave forecasting.")
    services.drafts.mark_sent(services.drafts.record([draft]))
    view = window.go_to(PEOPLE)
    view.show_contact(first)
    settle(app)
    detail = view.detail
    section = detail.mail_section
    detail.scroll_area.ensureWidgetVisible(section, 0, 80)
    settle(app)
    top = section.mapTo(detail, section.rect().topLeft()).y() - 60
    detail.grab(QRect(0, max(top, 0), detail.width(), section.height() + 80)).save(
        str(out / "person-emails.png")
    )
