"""Signals of the booking app, for apps that follow bookings without being called by them."""

from django.dispatch import Signal

#: Sent (inside the change's transaction) each time a booking changes state, with `booking`,
#: `before` (its former state) and `now`. Receivers that call other services should wait for
#: the commit (`transaction.on_commit`).
booking_state_changed = Signal()
