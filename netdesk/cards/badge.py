"""One attendee's name badge, as the painter needs it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Badge:
    attendance_id: int  # 0 for a badge not tied to a stored attendance (previews, samples)
    contact_id: int
    first_name: str
    full_name: str
    organization: str
    title: str
    role: str  # a netdesk.models.Role value: "attendee", "speaker", "staff", ...
    payload: str  # their vCard 3.0 with only the fields they agreed to share
    printed: bool = False
