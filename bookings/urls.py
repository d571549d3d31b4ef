from django.urls import path

from bookings import agenda_views, booking_views, delegation_views, quick_entry_views, views

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
    # Booking (booking_views): choose a time, hold it, identify, confirm; then manage it.
    path("book/<slug:slug>/", booking_views.week, name="week"),
    path("book/", booking_views.book, name="book"),
    path("book/hold/<uuid:reference>/", booking_views.checkout, name="checkout"),
    path("book/hold/<uuid:reference>/confirm/", booking_views.confirm, name="confirm"),
    path("book/hold/<uuid:reference>/release/", booking_views.release, name="release"),
    path("appointments/<str:token>/", booking_views.manage, name="manage"),
    path("appointments/<str:token>/cancel/", booking_views.cancel, name="cancel"),
    path(
        "appointments/<str:token>/appointment.ics",
        booking_views.calendar_file,
        name="calendar_file",
    ),
    path("appointments/<str:token>/move/", booking_views.reschedule, name="reschedule"),
    path("account/appointments/", booking_views.my_bookings, name="my_bookings"),
    path("pro/bookings/", booking_views.pro_bookings, name="pro_bookings"),
    path("pro/bookings/settings/", booking_views.booking_settings, name="booking_settings"),
    path(
        "pro/bookings/<int:booking_id>/<str:action>/",
        booking_views.pro_booking_action,
        name="pro_booking_action",
    ),
    # The practitioner's agenda (agenda_views): a day or a week, a booking's details and actions.
    path("pro/agenda/", agenda_views.agenda, name="agenda"),
    path(
        "pro/agenda/bookings/<int:booking_id>/move/",
        agenda_views.agenda_move,
        name="agenda_move",
    ),
    path("pro/agenda/quick-entry/", quick_entry_views.quick_entry, name="quick_entry"),
    # Secretaries (delegation_views): the practitioner gives and revokes access; a secretary
    # chooses whose agenda they work on.
    path("pro/secretaries/", delegation_views.secretaries, name="secretaries"),
    path(
        "pro/secretaries/<int:delegation_id>/revoke/",
        delegation_views.secretary_revoke,
        name="secretary_revoke",
    ),
    path("pro/acting-for/", delegation_views.acting_for, name="acting_for"),
    # The practitioner's private agenda for their calendar app: no login, the token is the key.
    path("agenda/<str:token>.ics", views.feed, name="feed"),
]
