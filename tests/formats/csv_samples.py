"""Headers other programs write, exactly as they write them, for the CSV tests to put rows under."""

from __future__ import annotations

from netdesk.formats.records import PostalAddress

# Thunderbird's own address book export (always these columns, in this order).
THUNDERBIRD_HEADER = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
    "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,"
    "Home City,Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,"
    "Work State,Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,"
    "Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes\r\n"
)


def work_address(
    street: str, locality: str, region: str, postal_code: str, country: str
) -> PostalAddress:
    """The work address the CSV tests expect, in the order the columns usually come."""
    return PostalAddress(
        street=street,
        locality=locality,
        region=region,
        postal_code=postal_code,
        country=country,
        kind="work",
    )
