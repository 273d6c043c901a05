from mathshubs.events.views import attendance, calendar, organiser, participant

app_name = "events"

urlpatterns = [
    *participant.urlpatterns,
    *organiser.urlpatterns,
    *attendance.urlpatterns,
    *calendar.urlpatterns,
]
