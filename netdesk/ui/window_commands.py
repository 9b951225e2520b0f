"""What the window's own commands do: quick capture, the New… items, Delete, Find and Tags.
Each hands over to a page's view or a dialog and says in the status bar what was done."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netdesk.ui.shell import EVENTS, FOLLOWUPS, PEOPLE

if TYPE_CHECKING:
    from netdesk.ui.shell import Shell


class WindowCommands:
    def __init__(self, shell: Shell) -> None:
        self.shell = shell

    def quick_capture(self) -> Any:
        from netdesk.ui.today.quick_capture import QuickCaptureDialog

        s = self.shell
        dialog = QuickCaptureDialog(s.services, self.capture_event_id(), s.widget())
        dialog.accepted.connect(lambda: self._captured(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _captured(self, dialog: Any) -> None:
        result = dialog.result
        if result is None:
            return
        name = self.shell.services.contacts.get(result.contact_id).formatted_name
        what = "Added" if result.created else "Updated"
        extra = " with a follow-up" if result.followup_id else ""
        self.shell.say(f"{what} {name}{extra}. Find them under People.", 8000)

    def capture_event_id(self) -> int | None:
        """The event selected in Events, else the one happening now (or just ended)."""
        events = self.shell.built_view(EVENTS)
        selected = events.selected_event_id() if events is not None else None
        return selected if selected is not None else self.shell.services.events.current()

    # New items are asked for over the current page; only a saved one takes the user to its
    # page, so that Escape leaves them where they were.

    def new_contact(self) -> None:
        contact_id = self.shell.view(PEOPLE).new_item()
        if contact_id is not None:
            self.shell.go_to(PEOPLE)
            name = self.shell.services.contacts.get(contact_id).formatted_name
            self.shell.say(f"Added {name}.", 5000)

    def new_event(self) -> None:
        events = self.shell.view(EVENTS)
        before = events.selected_event_id()
        events.new_item()
        event_id = events.selected_event_id()
        if event_id not in (None, before):
            self.shell.go_to(EVENTS)
            name = self.shell.services.events.get(event_id).name
            self.shell.say(f"Added the event {name}.", 5000)

    def new_followup(self) -> None:
        dialog = self.shell.view(FOLLOWUPS).new_item()
        dialog.accepted.connect(self._followup_added)

    def _followup_added(self) -> None:
        self.shell.go_to(FOLLOWUPS)
        self.shell.say("Added the follow-up.", 5000)

    def delete_selected(self) -> bool:
        view = self.shell.built_view(self.shell.current_key())
        deleter = getattr(view, "delete_selected", None)
        has_selection = getattr(view, "has_selection", None)
        status = self.shell.widget().statusBar()
        if deleter is None or (has_selection is not None and not has_selection()):
            status.showMessage("Select something to delete first.", 3000)
            return False
        status.clearMessage()
        if not deleter():  # nothing selected, or the user cancelled the confirmation
            return False
        if not status.currentMessage():  # the view may have said it better
            status.showMessage("Deleted. Press Ctrl+Z to undo.", 5000)
        return True

    def find_people(self) -> None:
        self.shell.go_to(PEOPLE).focus_search()

    def manage_tags(self) -> Any:
        from netdesk.ui.people.tags_dialog import TagsDialog

        dialog = TagsDialog(self.shell.services, self.shell.undo_stack, self.shell.widget())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
