"""The short guide behind Help > Getting started (F1), shipped with the program.

Simple HTML of our own, never mixed with user data. The keys are filled in from the window's
actions when the guide opens, so that it names the keys the program really has; a
"netdesk:NAME" link runs a command (guide.py's link_actions), so that the first steps can be
taken from here once the welcome has given way.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

# Section anchors, for links and for opening the guide at one section.
START, BEFORE, AT, AFTER, IN_TOUCH = "start", "before", "at", "after", "in-touch"

GUIDE_HTML = """
<h1>Getting started with netdesk</h1>
<p>netdesk remembers who you met, where, what you talked about and what you promised.
It works in three moments: <a href="#before">before an event</a>,
<a href="#at">at the event</a> and <a href="#after">after it</a>, and then helps you
<a href="#in-touch">keep in touch</a>.</p>

<h2><a name="start"></a>First steps</h2>
<ul>
<li><b><a href="netdesk:my-card">Set up your own card</a>.</b> Add yourself with
<i>File &gt; New contact</i> ({new_contact}) and tick <i>This is me</i>.
<i>People &gt; My QR card</i> ({my_card}) then shows your details as a QR code that a phone
camera saves as a contact.</li>
<li><b><a href="netdesk:import">Import your contacts</a></b> with <i>File &gt; Import</i>
({import_}) or by dropping files on the window: vCard files from a phone or mail program,
LinkedIn&#8217;s connections export, Google Contacts and Outlook CSV files, an Eventbrite
attendee list, iCalendar files. You see every person before anything is saved.</li>
<li><b><a href="netdesk:demo">Look around in demo data</a></b>
(<i>Help &gt; Look around in demo data</i>): invented people and events open in a window and
a file of their own. Your own address book is not touched.</li>
</ul>
<p>While netdesk holds no people and no events, the Today page offers these three steps.</p>

<h2><a name="before"></a>Before an event</h2>
<ol>
<li><b>Create the event</b>: <i>File &gt; New event</i> ({new_event}). Give it a date, a place
and a website if it has one.</li>
<li><b>Import the attendee list</b>: on the event&#8217;s page, <i>Import list&#8230;</i> (an
Eventbrite export or any CSV or vCard file). People you know already are recognised, not
added twice.</li>
<li><b>Print badges</b>: <i>Badges&#8230;</i> on the event&#8217;s page or
<i>Events &gt; Print badges</i> ({badges}). Each badge carries a QR code of its person.</li>
</ol>

<h2><a name="at"></a>At the event</h2>
<ul>
<li><b>Quick capture</b> ({capture}): whom you just met, what you talked about and what you
promised. It is filed under the event happening now, and a promise becomes a follow-up.</li>
<li><b>Exchange details by QR code</b>: show <i>My QR card</i> ({my_card}) and let the other
person scan it with their phone. To take theirs, use <i>File &gt; Add contact from QR
image</i> with a photo of their badge or card.</li>
<li><b><a href="netdesk:scan">Scan paper business cards</a></b>: <i>File &gt; Scan business
cards</i> ({scan}), drop photos of the cards on the window (several cards on one photo, or
many photos at once), or copy a picture and press Ctrl+V outside a text field. The cards are
read on your computer, nothing is sent anywhere. Each card
is then shown beside its fields: correct what was misread (fields read with low confidence are
tinted), drag the text that went into no field where it belongs, and save. A person already in
netdesk is recognised; <i>Add the back side</i> joins both sides of a card into one
contact.</li>
<li>On the event&#8217;s page, tick <b>Met</b> beside the people you spoke to.</li>
</ul>

<h2><a name="after"></a>After the event</h2>
<ul>
<li><b>Review the people you met</b>: <i>Events &gt; Review people met&#8230;</i> shows
everyone you ticked <i>Met</i> who has no follow-up yet, one at a time. Press W to write to
them now, F to follow up in 2 days (or the number of days you set) or N when nothing is
needed. For three days after an event the Today page offers the review.</li>
<li><b>Write email</b>: <i>People &gt; Write email&#8230;</i> ({write_email}) writes to the
selected person, follow-up or people on an event&#8217;s page from a template, in your mail
program. When you say it was sent, netdesk notes &#8220;Emailed&#8221; on the person and
offers to mark the follow-up done. <i>People &gt; Save email draft&#8230;</i> saves the email
as a file your mail program opens as a draft, with your card attached when the template
says so. <i>Settings &gt; Email templates&#8230;</i> changes the templates.</li>
<li><b>Notes</b>: open a person under People ({find} finds them) and choose
<i>Add note</i>.</li>
<li><b>Follow-ups</b>: the Follow-ups page ({followups}) lists what you promised, by due date.
Space marks one done; <i>File &gt; New follow-up</i> ({new_followup}) adds one. The Today page
shows what is due.</li>
<li><b>Export</b>: <i>File &gt; Export</i> writes people as vCard for a phone or mail program,
as CSV for a spreadsheet, and events and open follow-ups as iCalendar for a calendar.</li>
<li><b>On your phone too</b>: <i>Settings &gt; Accounts</i> adds a CardDAV account (Nextcloud,
Fastmail, iCloud, mailbox.org and others) with an app password; netdesk then keeps your
contacts, and if you choose your follow-ups as tasks, in step with your phone both ways.
<i>Sync &gt; Sync now</i> syncs at once; <i>Sync &gt; Conflicts</i> lists what was
changed differently on both sides.</li>
</ul>

<h2><a name="in-touch"></a>Keeping in touch</h2>
<ul>
<li><b>A rhythm</b>: beside <i>Keep in touch</i> on a person&#8217;s page, <i>Change&#8230;</i>
sets how often you want to be in touch (every 3 months, say); <i>Edit &gt; Tags&#8230;</i> sets
one for everyone with a tag. Meeting them, a note, an email sent, a follow-up done or an
introduction starts it again. The Today page lists under <i>Time to reconnect</i> who is past
their rhythm, with <i>Write&#8230;</i> and <i>Snooze</i>.</li>
<li><b>Introduce two people</b>: <i>People &gt; Introduce&#8230;</i> writes one email to both,
asking whether they would like to talk. Once it is sent, both pages say whom you introduced
them to.</li>
<li><b>Goals</b>: the Goals page ({goals}) keeps larger goals (&#8220;a job in climate tech by
June&#8221;) with the people, events, notes and follow-ups you link to them (<i>Link to
goal&#8230;</i>), and an event&#8217;s page its aims (&#8220;talk to 3 speakers&#8221;), ticked
as you mark people met. Today shows each goal&#8217;s progress and next step.</li>
<li><b>Reminders</b>: where the desktop has a system tray, netdesk&#8217;s icon there shows how
many follow-ups are due, and a notification says when one falls due; without a tray, a line at
the top of the window says so. With <i>Settings &gt; Keep running in the tray when the window
closes</i>, netdesk goes on reminding you after you close the window.</li>
<li><b>In a terminal</b>: <tt>netdesk due</tt> lists the follow-ups due (for a login script),
<tt>netdesk draft</tt> writes an email draft to a file and <tt>netdesk goals</tt> lists your
goals; <tt>--help</tt> after each says more.</li>
</ul>

<h2>More</h2>
<p><i>Help &gt; Keyboard shortcuts</i> lists every key. netdesk backs your database up every
day; <i>File &gt; Restore backup</i> brings an earlier state back. <a href="#start">Back to the
first steps</a>.</p>
"""

# The keys the guide names, each filled in from the action of that name.
KEY_NAMES = (
    "new_contact",
    "my_card",
    "import_",
    "new_event",
    "badges",
    "capture",
    "find",
    "followups",
    "new_followup",
    "write_email",
    "goals",
    "scan",
)


def guide_html(keys: Mapping[str, str]) -> str:
    """The guide with each key named; a key the program does not have reads "no key"."""
    return GUIDE_HTML.format(
        **{name: html.escape(keys.get(name) or "no key") for name in KEY_NAMES}
    )
