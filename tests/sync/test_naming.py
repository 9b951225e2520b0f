"""Where netdesk puts a new item: a name from its UID, the same on every try, in the form the
DAV client gives hrefs back."""

from __future__ import annotations

from netdesk.services.sync.naming import item_href, item_name


def test_the_name_comes_from_the_uid_and_is_safe_in_a_path() -> None:
    uid = "urn:uuid:0b6b2c1e-8a1f-4c55-9d0e-3f2a1b4c5d6e"
    assert item_name(uid, ".vcf") == "0b6b2c1e-8a1f-4c55-9d0e-3f2a1b4c5d6e.vcf"
    odd = item_name("ada/../lovelace?x", ".vcf")
    assert odd.startswith("netdesk-") and odd.endswith(".vcf") and "/" not in odd
    assert item_name("ada/../lovelace?x", ".vcf") == odd  # the same on every run


def test_a_collection_on_the_accounts_host_gives_a_server_path() -> None:
    href = item_href(
        "https://dav.example.org/ada/Contacts%20Book/", "U-1", ".vcf", "https://dav.example.org/"
    )
    assert href == "/ada/Contacts%20Book/U-1.vcf"


def test_a_collection_on_another_host_gives_an_absolute_url() -> None:
    href = item_href(
        "https://p42-contacts.icloud.com/123/carddavhome/card/",
        "U-1",
        ".vcf",
        "https://contacts.icloud.com/",
    )
    assert href == "https://p42-contacts.icloud.com/123/carddavhome/card/U-1.vcf"
