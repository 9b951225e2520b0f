"""Email in the window: People > Write email… (Ctrl+Shift+E), Save draft…, Introduce…, and
Settings > Email templates…; the pages ask for an email through signals main_window connects
to `write_to` / `write_followup` / `write`.

Write: the Write email dialog (template and preview) → the mail program opens with a mailto:
link → a pending draft is recorded → "Sent?" → the Emailed note, and for a follow-up the offer
to mark it done or snooze it. Save draft: a .eml file (one per person, into a folder, when
several people are picked); it stays pending on the person's page until marked sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QWidget

from netdesk.services.errors import ServiceError
from netdesk.ui.mail.choices import OPEN, SAVE, AskFolder, AskPath, ask_folder, ask_save_path
from netdesk.ui.mail.targets import selection
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.menus import top_menu
from netdesk.ui.widgets.plain_text import confirm, show_error

if TYPE_CHECKING:
    from netdesk.services.mail.draft_types import Draft
    from netdesk.services.service_set import Services
    from netdesk.ui.mail.introduce_dialog import IntroduceDialog
    from netdesk.ui.mail.sent_dialog import ChoiceDialog
    from netdesk.ui.mail.templates_dialog import TemplatesDialog
    from netdesk.ui.mail.write_dialog import WriteDialog
    from netdesk.ui.shell import Shell

SELECT_FIRST = "Select a person, a follow-up or people at an event first."
NO_MAIL_PROGRAM = (
    "netdesk could not open your mail program: no program is set to handle email links.\n\n"
    "Use Save draft… instead: it saves the email as a file your mail program opens as a draft."
)


def open_mailto(url: str) -> bool:
    # The link is already encoded (RFC 6068): strict parsing keeps every escape as it is.
    return QDesktopServices.openUrl(
        QUrl.fromEncoded(url.encode("ascii"), QUrl.ParsingMode.StrictMode)
    )


class MailActions(QObject):
    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget())
        self.shell = shell
        window = shell.widget()
        self.act_write = shell.make_action(
            "&Write email…",
            self.write_selected,
            "Ctrl+Shift+E",
            None,
            "Write to the selected people from a template, in your mail program",
        )
        self.act_save_draft = shell.make_action(
            "Save email &draft…",
            self.save_draft_selected,
            None,
            None,
            "Save an email to the selected people as a draft file (.eml)",
        )
        self.act_introduce = shell.make_action(
            "&Introduce…",
            self.introduce_selected,
            None,
            None,
            "Introduce two people to each other, in one email to both",
        )
        self.act_templates = shell.make_action(
            "&Email templates…",
            self.edit_templates,
            None,
            None,
            "Change the emails Write email… starts from",
        )
        people = top_menu(window, "People")
        if people is not None:
            people.addSeparator()
            for act in (self.act_write, self.act_save_draft, self.act_introduce):
                people.addAction(act)
        settings = top_menu(window, "Settings")
        if settings is not None:
            settings.addAction(self.act_templates)
        # Replaced by tests, as the file dialogs the user answers.
        self.ask_path: AskPath = ask_save_path
        self.ask_folder: AskFolder = ask_folder
        # The dialogs open now, for tests and to raise instead of opening twice.
        self.write_dialog: WriteDialog | None = None
        self.sent_box: ChoiceDialog | None = None
        self.offer_box: ChoiceDialog | None = None
        self.templates_dialog: TemplatesDialog | None = None
        self.introduce_dialog: IntroduceDialog | None = None
        shell.act_new_contact.changed.connect(self._follow_database)
        self._follow_database()

    @property
    def data_actions(self) -> tuple[QAction, ...]:
        return (self.act_write, self.act_save_draft, self.act_introduce, self.act_templates)

    def _follow_database(self) -> None:
        # The window's own data actions are enabled exactly while a database is open.
        for act in self.data_actions:
            act.setEnabled(self.shell.act_new_contact.isEnabled())

    def _services(self) -> Services | None:
        services = getattr(self.shell, "services", None)
        return None if services is None or self.shell.damaged else services

    def _window(self) -> QWidget:
        return self.shell.widget()

    def _selection(self) -> dict[str, Any] | None:
        return selection(self.shell)

    def write_selected(self) -> WriteDialog | None:
        chosen = self._selection()
        if chosen is None:
            self.shell.say(SELECT_FIRST, 6000)
            return None
        return self.write(**chosen)

    def save_draft_selected(self) -> WriteDialog | None:
        chosen = self._selection()
        if chosen is None:
            self.shell.say(SELECT_FIRST, 6000)
            return None
        return self.save_draft(**chosen)

    def introduce_selected(self) -> IntroduceDialog | None:
        chosen = self._selection() or {}
        ids = list(chosen.get("contact_ids", []))[:2]
        return self.introduce(*ids)

    # -- the slots the pages' signals reach -------------------------------------------------

    def write_to(self, contact_id: int, template_key: str = "") -> WriteDialog | None:
        """`write_requested(contact_id, template_key)`: "" is the usual template."""
        return self.write([contact_id], template_key=template_key or None)

    def write_followup(self, followup_id: int) -> WriteDialog | None:
        services = self._services()
        if services is None:
            return None
        try:
            row = services.followups.get(followup_id)
        except ServiceError as exc:
            show_error(self._window(), "Cannot write about that follow-up", str(exc))
            return None
        return self.write([row.contact_id], followup_id=row.id, event_id=row.event_id)

    def email_people(self, contact_ids: list[int], event_id: int, mode: str) -> None:
        """An event page's selected people: one personal email each ("write" or "draft")."""
        if mode == "draft":
            self.save_draft(contact_ids, event_id=event_id)
        else:
            self.write(contact_ids, event_id=event_id)

    # -- Write email… and Save draft… --------------------------------------------------------

    def write(
        self,
        contact_ids: Sequence[int],
        followup_id: int | None = None,
        event_id: int | None = None,
        template_key: str | None = None,
        *,
        save_first: bool = False,
    ) -> WriteDialog | None:
        services = self._services()
        if services is None or not contact_ids:
            return None
        from netdesk.ui.mail.write_dialog import WriteDialog

        dialog = WriteDialog(
            services,
            contact_ids,
            followup_id=followup_id,
            event_id=event_id,
            template_key=template_key,
            save_first=save_first,
            parent=self._window(),
        )
        dialog.accepted.connect(lambda: self._chosen(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda: setattr(self, "write_dialog", None))
        self.write_dialog = dialog
        dialog.open()
        return dialog

    def save_draft(
        self,
        contact_ids: Sequence[int],
        followup_id: int | None = None,
        event_id: int | None = None,
        template_key: str | None = None,
    ) -> WriteDialog | None:
        """The same dialog, with Save draft… as its default button."""
        return self.write(contact_ids, followup_id, event_id, template_key, save_first=True)

    def _chosen(self, dialog: WriteDialog) -> None:
        drafts = dialog.sendable()
        if dialog.choice == SAVE:
            self.save_files(drafts)
        elif dialog.choice == OPEN:
            self.open_in_mail_program(drafts)

    def open_in_mail_program(self, drafts: Sequence[Draft]) -> ChoiceDialog | None:
        """One mailto: link per email (asked first when several), then "Sent?"."""
        services = self._services()
        if services is None or not drafts:
            return None
        window = self._window()
        n = len(drafts)
        if n > 1 and not confirm(
            window,
            "Open emails",
            f"Open {n} emails in your mail program?\n\nEach person gets their own email.",
            action=f"Open {n} emails",
        ):
            return None
        shortened = 0
        for draft in drafts:
            link = services.drafts.mailto(draft)
            if not open_mailto(link.url):
                show_error(window, "No mail program", NO_MAIL_PROGRAM)
                return None
            shortened += link.shortened
        if shortened:
            what = "The email was" if n == 1 else f"{plural(shortened, 'email')} were"
            self.shell.say(
                f"{what} shortened for your mail program: Save draft… keeps the whole text.", 10000
            )
        try:
            ids = services.drafts.record(list(drafts))
        except ServiceError as exc:
            show_error(window, "Could not remember the email", str(exc))
            return None
        return self.ask_sent(drafts, ids)

    def ask_sent(self, drafts: Sequence[Draft], draft_ids: list[int]) -> ChoiceDialog:
        from netdesk.ui.mail.sent_dialog import SENT, log_sent, offer_followup, sent_dialog

        services = self._services()
        names = [name or email for d in drafts for name, email in d.to]
        box = sent_dialog(self._window(), names, len(drafts))
        followup = next((d.followup_id for d in drafts if d.followup_id is not None), None)

        def chosen(key: str) -> None:
            if services is None:
                return
            if key != SENT:
                self.shell.say("Not marked sent: the person's page keeps it to mark later.", 8000)
                return
            if not log_sent(self._window(), services, draft_ids):
                return
            intro = any(d.introduction is not None for d in drafts)
            self.shell.say(
                "Introduction noted on both people." if intro else "Noted: Emailed.", 6000
            )
            if followup is not None:
                self.offer_box = offer_followup(
                    self._window(), services, self.shell.undo_stack, followup, self._say
                )

        box.chose.connect(chosen)
        box.finished.connect(box.deleteLater)
        box.finished.connect(lambda: setattr(self, "sent_box", None))
        self.sent_box = box
        box.open()
        return box

    def _say(self, text: str) -> None:
        self.shell.say(text, 6000)

    def save_files(self, drafts: Sequence[Draft]) -> list[Path]:
        """Ask where and write the .eml files; they stay pending until marked sent."""
        services = self._services()
        if services is None:
            return []
        from netdesk.ui.mail.saving import save_drafts

        written = save_drafts(self._window(), services, drafts, self.ask_path, self.ask_folder)
        if written:
            where = (
                written[0].name
                if len(written) == 1
                else f"{len(written)} drafts to {written[0].parent}"
            )
            self.shell.say(
                f"Saved {where}: open it in your mail program. Mark it sent on the person's page.",
                10000,
            )
        return written

    # -- Introduce… and Email templates… -----------------------------------------------------

    def introduce(
        self, first_id: int | None = None, second_id: int | None = None
    ) -> IntroduceDialog | None:
        from netdesk.ui.mail.introduce_dialog import IntroduceDialog

        services = self._services()
        if services is None:
            return None
        if self.introduce_dialog is not None and self.introduce_dialog.isVisible():
            self.introduce_dialog.raise_()
            return self.introduce_dialog
        dialog = IntroduceDialog(services, first_id, second_id, self._window())
        dialog.accepted.connect(lambda: self._introduce_chosen(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda: setattr(self, "introduce_dialog", None))
        self.introduce_dialog = dialog
        dialog.open()
        return dialog

    def _introduce_chosen(self, dialog: IntroduceDialog) -> None:
        if dialog.draft is None:
            return
        if dialog.choice == SAVE:
            self.save_files([dialog.draft])
        else:
            self.open_in_mail_program([dialog.draft])

    def edit_templates(self) -> TemplatesDialog | None:
        from netdesk.ui.mail.templates_dialog import TemplatesDialog

        services = self._services()
        if services is None:
            return None
        if self.templates_dialog is not None and self.templates_dialog.isVisible():
            self.templates_dialog.raise_()
            return self.templates_dialog
        dialog = TemplatesDialog(services, self._window())
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda: setattr(self, "templates_dialog", None))
        self.templates_dialog = dialog
        dialog.open()
        return dialog
