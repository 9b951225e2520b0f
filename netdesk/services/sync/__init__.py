"""Two-way sync of contacts, follow-ups and events with CardDAV/CalDAV servers.

How a run goes (service.SyncService.sync), per collection:
1. One request asks what changed there (sync-collection with the last token; remote.py).
   Local changes are found without reading contacts: database triggers mark the items whose
   contact, follow-up or event changed (models/sync_triggers.py); contacts without an item are
   new here; items whose contact became NULL were deleted here (local_changes.py).
2. The guards run before anything changes (guards.py): more than 20 deletions or more than
   half of one side raise MassDeleteBlocked; a server that suddenly lists nothing raises
   EmptySideStop.
3. Cards changed there come here, one local transaction per batch (contacts_receive.py),
   merged field by field with three_way when both sides changed; cards deleted there delete
   the contact here, undoably, unless netdesk knows more about them (deletions.py).
4. What changed here goes there (contacts_send.py), If-Match / If-None-Match: *, a batch's
   item rows written in one transaction after its requests.
5. The new sync token is saved last.

Why a SIGKILL at any moment loses and doubles nothing: a new item goes under a name made
from its UID (naming.py), so a run killed after its PUT finds its own card again (412, or the
listing shows it, and the UID links it); an update killed before it was written down is seen
again as a change there that three_way finds equal to ours; a token not saved asks for the
same changes again, which are skipped by their etags.
"""
