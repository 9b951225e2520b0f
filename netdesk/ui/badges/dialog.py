"""Print name badges for an event: who, on which label sheet, how it lines up, with a live preview.

Output goes through the badge core (netdesk.cards.badge_sheet): the preview, the PDF and the
printer are painted by the same code, so what the preview shows is what comes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from netdesk import config
from netdesk.cards import badge_sheet
from netdesk.cards.badge import Badge
from netdesk.cards.templates import BUILTIN_TEMPLATES, LabelTemplate, TemplateStore
from netdesk.services.cards import BadgeSelection
from netdesk.services.service_set import Services
from netdesk.ui.badges.density import DensityAdvice
from netdesk.ui.badges.dialog_output import BadgeOutputDialog
from netdesk.ui.badges.logo_group import LogoGroup
from netdesk.ui.badges.output import printer_names
from netdesk.ui.badges.people_group import EMPTY_TEXTS, SELECTED, SELECTION_TEXTS, PeopleGroup
from netdesk.ui.badges.preview import PreviewPane
from netdesk.ui.badges.printer_group import PrinterGroup
from netdesk.ui.badges.settings import BadgeSettings
from netdesk.ui.badges.sheet_group import DEFAULT_TEMPLATE, SheetGroup
from netdesk.ui.badges.template_dialog import TemplateDialog
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.plain_text import confirm, plain_label, show_error, window_title
from netdesk.ui.widgets.screen_fit import fit_to_screen

PREVIEW_DPI = 150  # finer than the screen shows, so the scaled-down page stays crisp
PREVIEW_DELAY_MS = 150  # typing "12" into a box redraws once, not twice
# Room for a large preview; on a smaller screen (a 1,366 x 768 laptop), what the screen has.
DIALOG_SIZE = QSize(1120, 780)


class BadgeDialog(BadgeOutputDialog):
    """`contact_ids`: the people selected on the event page, offered as a choice of their own.
    `templates_path`, `printers`: the custom templates file and the printers to offer (the
    user's file and the system's printers unless given, as tests do)."""

    def __init__(
        self,
        services: Services,
        event_id: int,
        settings: QSettings,
        *,
        contact_ids: Sequence[int] | None = None,
        templates_path: Path | None = None,
        printers: Sequence[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._event = services.events.get(event_id)
        self._contact_ids = list(contact_ids or [])
        self._store = TemplateStore(templates_path or config.label_templates_path())
        self._settings = BadgeSettings(settings)
        self._badges: list[Badge] = []
        self._counts: dict[str, int] = {}
        self._density = DensityAdvice()
        self._printers = list(printer_names() if printers is None else printers)
        self.setWindowTitle(window_title(f"Badges for {self._event.name}"))
        self.setSizeGripEnabled(True)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.render_preview)

        options = QWidget()
        column = QVBoxLayout(options)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(10)
        column.addWidget(self._people_group())
        column.addWidget(self._sheet_group())
        self.logo_group = LogoGroup(self._settings, self._event.id)
        self.logo_group.changed.connect(self.schedule_preview)
        self.printer_group = PrinterGroup(self._settings, self._printers)
        self.printer_group.changed.connect(self.schedule_preview)
        self.printer_group.print_alignment.connect(self.print_alignment)
        self.printer_group.save_alignment.connect(self.save_alignment)
        column.addWidget(self.logo_group)
        column.addWidget(self.printer_group)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(options)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(380)

        self.preview = PreviewPane()
        self.preview.page_changed.connect(lambda _page: self.render_preview())
        self.density_label = plain_label(wrap=True)
        theme.follow(self.density_label, theme.notice_sheet)
        self.density_label.hide()
        self.store_problem_label = plain_label(wrap=True)
        theme.follow(self.store_problem_label, theme.notice_sheet)
        self.store_problem_label.hide()
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.density_label)
        right.addWidget(self.store_problem_label)

        body = QHBoxLayout()
        body.addWidget(scroll)
        body.addSpacing(8)
        body.addLayout(right, 1)

        bottom = self._output_bar()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 12)
        layout.addLayout(body, 1)
        layout.addSpacing(4)
        layout.addLayout(bottom)

        self._load_state()
        self.reload()
        fit_to_screen(self, DIALOG_SIZE)

    # -- building the option groups --------------------------------------------------------

    def _people_group(self) -> PeopleGroup:
        self.people_group = PeopleGroup(bool(self._contact_ids))
        self.selection_buttons = self.people_group.selection_buttons
        self.summary_label = self.people_group.summary_label
        self.people_group.selection_group.buttonToggled.connect(self._selection_toggled)
        return self.people_group

    def _sheet_group(self) -> SheetGroup:
        self.sheet_group = group = SheetGroup()
        self.template_combo = group.template_combo
        self.edit_template_button = group.edit_template_button
        self.start_spin = group.start_spin
        self.sheet_map = group.sheet_map
        self.cut_guides_check = group.cut_guides_check
        self.template_combo.currentIndexChanged.connect(self._template_changed)
        group.new_template_button.clicked.connect(lambda: self._run_template_dialog(None))
        self.edit_template_button.clicked.connect(
            lambda: self._run_template_dialog(self.template())
        )
        group.delete_template_button.clicked.connect(self.delete_template)
        self.start_spin.valueChanged.connect(self._start_changed)
        self.cut_guides_check.toggled.connect(self._cut_guides_toggled)
        return group

    # -- state -----------------------------------------------------------------------------

    def _load_state(self) -> None:
        self.reload_templates(self._settings.text("template", DEFAULT_TEMPLATE))
        self.cut_guides_check.blockSignals(True)
        self.cut_guides_check.setChecked(self._settings.flag("cut_guides", False))
        self.cut_guides_check.blockSignals(False)

    def reload(self) -> None:
        """Count each choice of people again and load the chosen one's badges."""
        self._counts = {}
        for value in SELECTION_TEXTS:
            self._counts[value] = len(self._load(value)) if self._can_load(value) else 0
        self.people_group.show_counts(self._counts, bool(self._contact_ids))
        current = self.selection()
        if current is None or not self.selection_buttons[current].isEnabled():
            self._pick_default_selection()
        else:
            self._reload_badges()

    def _pick_default_selection(self) -> None:
        if self._contact_ids:
            choice = SELECTED
        elif self._counts.get(BadgeSelection.NOT_PRINTED.value):
            choice = BadgeSelection.NOT_PRINTED.value
        else:
            choice = BadgeSelection.ALL.value
        self.set_selection(choice)

    def _can_load(self, value: str) -> bool:
        return value != SELECTED or bool(self._contact_ids)

    def _load(self, value: str) -> list[Badge]:
        if value == SELECTED:
            return self._services.cards.badges(self._event.id, contact_ids=self._contact_ids)
        return self._services.cards.badges(self._event.id, BadgeSelection(value))

    def selection(self) -> str | None:
        return self.people_group.selection()

    def set_selection(self, value: str) -> None:
        button = self.selection_buttons[value]
        if button.isChecked():
            self._reload_badges()
        else:
            button.setChecked(True)  # reloads through _selection_toggled

    def _selection_toggled(self, button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._reload_badges()

    def badges(self) -> list[Badge]:
        """The badges that Print and Export PDF would make now."""
        return list(self._badges)

    def _reload_badges(self) -> None:
        value = self.selection()
        self._badges = self._load(value) if value is not None and self._can_load(value) else []
        self._update_summary()

    def template(self) -> LabelTemplate:
        template_id = self.template_combo.currentData()
        try:
            return self._store.get(str(template_id))
        except KeyError:
            return BUILTIN_TEMPLATES[0]

    def reload_templates(self, select_id: str | None = None) -> None:
        """Fill the template list again (after a save or a delete), choosing `select_id`."""
        wanted = select_id or self.template_combo.currentData()
        self.sheet_group.fill_templates(self._store.all(), wanted)
        self.store_problem_label.setText(self._store.problem)
        self.store_problem_label.setVisible(bool(self._store.problem))
        self._template_changed()

    def _template_changed(self, *_index: object) -> None:
        template = self.template()
        self._settings.set_value("template", template.id)
        self.sheet_group.show_template(template)
        self._update_summary()

    def _start_changed(self, value: int) -> None:
        self.sheet_map.set_start(value)
        self._update_summary()

    def _cut_guides_toggled(self, checked: bool) -> None:
        self._settings.set_value("cut_guides", checked)
        self.schedule_preview()

    def printer_name(self) -> str:
        return self.printer_group.printer_name()

    def sheet_options(self) -> badge_sheet.SheetOptions:
        return badge_sheet.SheetOptions(
            start_at=self.start_spin.value(),
            offset_x_mm=self.printer_group.offset_x.value(),
            offset_y_mm=self.printer_group.offset_y.value(),
            cut_guides=self.cut_guides_check.isChecked(),
            event_name=self._event.name,
            logo=self.logo_group.image(),
        )

    # -- what the user sees of their choices -----------------------------------------------

    def _update_summary(self) -> None:
        if not hasattr(self, "preview"):
            return  # still building
        template = self.template()
        count = len(self._badges)
        pages = badge_sheet.page_count(template, count, self.start_spin.value()) if count else 0
        self.summary_label.setText(
            f"{plural(count, 'badge')} on {plural(pages, 'sheet')}" if count else "No badges"
        )
        self.preview.set_page_count(pages)
        for button in (self.preview_button, self.pdf_button, self.print_button):
            button.setEnabled(bool(count))
        warning = self._density.warning(self._badges, template)
        self.density_label.setText(warning)
        self.density_label.setVisible(bool(warning))
        self.schedule_preview()

    def schedule_preview(self) -> None:
        self._preview_timer.start()

    def preview_pending(self) -> bool:
        return self._preview_timer.isActive()

    def render_preview(self) -> None:
        self._preview_timer.stop()
        if not self._badges:
            value = self.selection() or BadgeSelection.ALL.value
            if not self._counts.get(BadgeSelection.ALL.value) and not self._contact_ids:
                value = BadgeSelection.ALL.value
            self.preview.view.set_message(EMPTY_TEXTS[value])
            return
        image = badge_sheet.page_image(
            self.template(),
            self._badges,
            self.sheet_options(),
            page=self.preview.page(),
            dpi=PREVIEW_DPI,
        )
        self.preview.view.set_image(image)

    # -- templates -------------------------------------------------------------------------

    def template_dialog(self, template: LabelTemplate | None = None) -> TemplateDialog:
        """The dialog for a new template (None) or for changing a custom one; a save reloads
        the list with the saved template chosen."""
        dialog = TemplateDialog(self._store, template, self)
        dialog.accepted.connect(lambda: self.reload_templates(dialog.saved_id))
        return dialog

    def _run_template_dialog(self, template: LabelTemplate | None) -> None:
        dialog = self.template_dialog(template)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def delete_template(self) -> bool:
        template = self.template()
        if template.builtin:
            return False
        if not confirm(
            self,
            "Delete label template",
            f"Delete the label template “{template.name}”? Badges already printed are not "
            "affected.",
        ):
            return False
        try:
            self._store.delete(template.id)
        except (OSError, KeyError, ValueError) as exc:
            show_error(self, "Cannot delete the template", str(exc))
            return False
        self.reload_templates(DEFAULT_TEMPLATE)
        return True
