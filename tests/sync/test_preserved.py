"""What an iPhone's card holds that netdesk does not show comes back unchanged after an edit
here: item groups with their X-ABLabel, PHOTO, X-SOCIALPROFILE, IMPP."""

from __future__ import annotations

from dataclasses import replace

from netdesk.formats.records import ContactRecord
from netdesk.formats.vcard.read import read_vcards
from netdesk.services.service_set import Services
from tests.sync.accounts import add_account, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer


def _record(text: str) -> ContactRecord:
    (found,) = list(read_vcards(text.encode()))
    assert isinstance(found, ContactRecord)
    return found


def _lines(text: str, *starts: str) -> list[str]:
    unfolded = text.replace("\r\n ", "").replace("\n ", "")
    return sorted(line.strip() for line in unfolded.splitlines() if line.upper().startswith(starts))


def _same_lines(lines: list[str]) -> list[tuple[str, list[str], str]]:
    """Lines by name, parameters (in any order, any case) and value. TYPE=INTERNET, what every
    vCard 3.0 email is, may be left out; so is X-SOCIALPROFILE's X-USER, which the vCard
    reader does not keep yet (the profile's address and network do come back)."""
    found = []
    for line in lines:
        head, _, value = line.partition(":")
        name, *params = head.split(";")
        found.append(
            (
                name.upper(),
                sorted(
                    p.upper()
                    for p in params
                    if p.upper() != "TYPE=INTERNET" and not p.upper().startswith("X-USER=")
                ),
                value,
            )
        )
    return sorted(found)


def test_an_iphone_card_keeps_what_netdesk_does_not_show(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server)
    card = ios_card(
        "Ada Lovelace",
        uid="ADA-IOS",
        emails=("ada@example.org", "ada@work.example"),
        phones=("+44 20 7946 0018",),
        org="Analytical",
        title="Countess",
    )
    with Phone(dav_server) as phone:
        href = phone.put_card("ada", card)
        sync(services, dav_server)
        ada = services.contacts.find_by_name("Ada Lovelace")
        assert ada is not None
        data = services.contacts.get(ada).as_input()
        data.title = "Mathematician"
        services.contacts.update(ada, data)
        assert sync(services, dav_server).sent == 1
        after = phone.cards()[href]
    before_record, after_record = _record(card), _record(after)
    assert after_record.title == "Mathematician"
    # A server may write a line's parameters in another order (Radicale does): same meaning.
    assert _same_lines(after_record.extra_lines) == _same_lines(before_record.extra_lines)
    assert replace(after_record, title="Countess", line=0, extra_lines=[]) == replace(
        before_record, line=0, extra_lines=[]
    )
    assert after_record.photo == before_record.photo and after_record.photo
    kept = ("ITEM1.", "X-SOCIALPROFILE", "IMPP")
    assert _same_lines(_lines(after, *kept)) == _same_lines(_lines(card, *kept))
    assert "UID:ADA-IOS" in after
