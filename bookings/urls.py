from django.urls import path

from bookings import views

app_name = "bookings"
urlpatterns = [
    path("pro/availability/", views.availability, name="availability"),
    path("pro/availability/schedules/new/", views.schedule_edit, name="schedule_new"),
    path(
        "pro/availability/schedules/<int:schedule_id>/",
        views.schedule_edit,
        name="schedule_edit",
    ),
    path(
        "pro/availability/schedules/<int:schedule_id>/delete/",
        views.schedule_delete,
        name="schedule_delete",
    ),
    path("pro/availability/dates/", views.dates, name="dates"),
    path(
        "pro/availability/dates/overrides/<int:override_id>/delete/",
        views.override_delete,
        name="override_delete",
    ),
    path(
        "pro/availability/dates/time-off/<int:time_off_id>/delete/",
        views.time_off_delete,
        name="time_off_delete",
    ),
    path("pro/availability/session-types/new/", views.session_type_edit, name="session_type_new"),
    path(
        "pro/availability/session-types/<int:session_type_id>/",
        views.session_type_edit,
        name="session_type_edit",
    ),
    path(
        "pro/availability/session-types/<int:session_type_id>/delete/",
        views.session_type_delete,
        name="session_type_delete",
    ),
    path("pro/availability/calendars/", views.calendars_page, name="calendars"),
    path(
        "pro/availability/calendars/<int:calendar_id>/refresh/",
        views.calendar_refresh,
        name="calendar_refresh",
    ),
    path(
        "pro/availability/calendars/<int:calendar_id>/remove/",
        views.calendar_remove,
        name="calendar_remove",
    ),
    path("pro/availability/calendars/feed/new-address/", views.feed_rotate, name="feed_rotate"),
    path("pro/availability/calendars/feed/options/", views.feed_options, name="feed_options"),
    # The practitioner's private agenda for their calendar app: no login, the token is the key.
    path("agenda/<str:token>.ics", views.feed, name="feed"),
]
