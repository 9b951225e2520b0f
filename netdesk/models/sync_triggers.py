"""Triggers that mark sync items dirty when what they mirror changes here.

A sync with nothing changed must not read and render ten thousand contacts to find out: every
write to a contact, one of its child rows (emails, phones, web addresses, postal addresses,
kept vCard lines, tags), a follow-up or an event sets `sync_items.dirty` on the items that
mirror it, whoever writes (the window, the CLI, an import, another process). The sync then
renders only the dirty items and compares their hash with the one last synced.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# Child table -> the column naming its contact.
CONTACT_CHILDREN = (
    "contact_emails",
    "contact_phones",
    "contact_urls",
    "contact_addresses",
    "contact_extra_properties",
    "contact_tags",
)
# Table -> (its key column, the sync_items column that points at it).
OWNERS = (("contacts", "contact_id"), ("followups", "followup_id"), ("events", "event_id"))

_MARK = "UPDATE sync_items SET dirty = {true} WHERE {column} = {value} AND dirty = {false}"
_TAG_MARK = (
    "UPDATE sync_items SET dirty = {true} WHERE dirty = {false} AND contact_id IN"
    " (SELECT contact_id FROM contact_tags WHERE tag_id = NEW.id)"
)


def trigger_names() -> list[str]:
    names = [f"sync_dirty_{t}_{op}" for t in CONTACT_CHILDREN for op in ("ins", "upd", "del")]
    names += [f"sync_dirty_{t}_upd" for t, _ in OWNERS]
    names.append("sync_dirty_tags_upd")
    return names


def create_triggers(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        _create_postgres(conn)
    else:
        _create_sqlite(conn)


def drop_triggers(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        for table in CONTACT_CHILDREN:
            conn.execute(text(f"DROP TRIGGER IF EXISTS sync_dirty_{table} ON {table}"))
        for table, _ in (*OWNERS, ("tags", "")):
            conn.execute(text(f"DROP TRIGGER IF EXISTS sync_dirty_{table}_upd ON {table}"))
        for fn in ("sync_mark_child", "sync_mark_tag", *(f"sync_mark_{t}" for t, _ in OWNERS)):
            conn.execute(text(f"DROP FUNCTION IF EXISTS {fn}()"))
        return
    for name in trigger_names():
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def _create_sqlite(conn: Connection) -> None:
    marks = {"true": "1", "false": "0"}
    for table in CONTACT_CHILDREN:
        for op, rows in (("ins", ("NEW",)), ("upd", ("OLD", "NEW")), ("del", ("OLD",))):
            body = "; ".join(
                _MARK.format(column="contact_id", value=f"{row}.contact_id", **marks)
                for row in rows
            )
            event = {"ins": "INSERT", "upd": "UPDATE", "del": "DELETE"}[op]
            conn.execute(
                text(
                    f"CREATE TRIGGER IF NOT EXISTS sync_dirty_{table}_{op} AFTER {event} ON {table}"
                    f" BEGIN {body}; END"
                )
            )
    for table, column in OWNERS:
        body = _MARK.format(column=column, value="NEW.id", **marks)
        conn.execute(
            text(
                f"CREATE TRIGGER IF NOT EXISTS sync_dirty_{table}_upd AFTER UPDATE ON {table}"
                f" BEGIN {body}; END"
            )
        )
    conn.execute(
        text(
            "CREATE TRIGGER IF NOT EXISTS sync_dirty_tags_upd AFTER UPDATE OF name ON tags"
            f" BEGIN {_TAG_MARK.format(**marks)}; END"
        )
    )


def _create_postgres(conn: Connection) -> None:
    marks = {"true": "true", "false": "false"}
    old = _MARK.format(column="contact_id", value="OLD.contact_id", **marks)
    new = _MARK.format(column="contact_id", value="NEW.contact_id", **marks)
    _function(
        conn,
        "sync_mark_child",
        f"IF TG_OP <> 'INSERT' THEN {old}; END IF; IF TG_OP <> 'DELETE' THEN {new}; END IF;",
    )
    for table in CONTACT_CHILDREN:
        conn.execute(
            text(
                f"CREATE OR REPLACE TRIGGER sync_dirty_{table}"
                f" AFTER INSERT OR UPDATE OR DELETE ON {table}"
                " FOR EACH ROW EXECUTE FUNCTION sync_mark_child()"
            )
        )
    for table, column in OWNERS:
        _function(conn, f"sync_mark_{table}", _MARK.format(column=column, value="NEW.id", **marks))
        conn.execute(
            text(
                f"CREATE OR REPLACE TRIGGER sync_dirty_{table}_upd AFTER UPDATE ON {table}"
                f" FOR EACH ROW EXECUTE FUNCTION sync_mark_{table}()"
            )
        )
    _function(conn, "sync_mark_tag", _TAG_MARK.format(**marks))
    conn.execute(
        text(
            "CREATE OR REPLACE TRIGGER sync_dirty_tags_upd AFTER UPDATE OF name ON tags"
            " FOR EACH ROW EXECUTE FUNCTION sync_mark_tag()"
        )
    )


def _function(conn: Connection, name: str, body: str) -> None:
    conn.execute(
        text(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$"
            f" BEGIN {body.rstrip(';')}; RETURN NULL; END $$"
        )
    )
