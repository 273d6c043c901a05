"""Event pages, one module per audience: `participant` (the Events menu and the event page
with its tabs), `organiser` (create, edit, invite, join links, catering list),
`attendance` (register and videoconference reports), `calendar` (.ics and feeds)."""
