"""The database's own guard against double booking.

No two occupying bookings of one practitioner may overlap:
- PostgreSQL: an exclusion constraint on (practitioner, [start, end)) with btree_gist;
- SQLite: triggers that abort the insert or update. With IMMEDIATE transactions writers are
  serialised, so the check inside the trigger cannot race.

SQLite drops a table's triggers when a migration rebuilds the table, so `install` also runs
after every `migrate` (see `apps.py`) and is idempotent.
"""

OCCUPYING_SQL = "('held', 'requested', 'confirmed', 'completed', 'no_show')"
ERROR_NAME = "booking_no_overlap"

_POSTGRES = f"""
CREATE EXTENSION IF NOT EXISTS btree_gist;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '{ERROR_NAME}') THEN
        ALTER TABLE bookings_booking ADD CONSTRAINT {ERROR_NAME}
            EXCLUDE USING gist (practitioner_id WITH =, tstzrange("start", "end", '[)') WITH &&)
            WHERE (state IN {OCCUPYING_SQL});
    END IF;
END $$;
"""

_SQLITE_BODY = f"""
    WHEN NEW.state IN {OCCUPYING_SQL}
BEGIN
    SELECT RAISE(ABORT, '{ERROR_NAME}')
    WHERE EXISTS (
        SELECT 1 FROM bookings_booking AS other
        WHERE other.practitioner_id = NEW.practitioner_id
          AND other.id IS NOT NEW.id
          AND other.state IN {OCCUPYING_SQL}
          AND other."start" < NEW."end"
          AND NEW."start" < other."end"
    );
END;
"""
_SQLITE = [
    f"CREATE TRIGGER IF NOT EXISTS {ERROR_NAME}_insert BEFORE INSERT ON bookings_booking"
    + _SQLITE_BODY,
    f"CREATE TRIGGER IF NOT EXISTS {ERROR_NAME}_update BEFORE UPDATE ON bookings_booking"
    + _SQLITE_BODY,
]


def install(connection) -> None:
    """Create the guard if it is missing (safe to call any number of times)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_POSTGRES)
        elif connection.vendor == "sqlite":
            for statement in _SQLITE:
                cursor.execute(statement)
        else:  # pragma: no cover - Khepri supports these two databases
            raise RuntimeError(f"No double-booking guard for {connection.vendor!r}.")


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS {ERROR_NAME}")
        else:
            cursor.execute(f"DROP TRIGGER IF EXISTS {ERROR_NAME}_insert")
            cursor.execute(f"DROP TRIGGER IF EXISTS {ERROR_NAME}_update")


def is_installed(connection) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_constraint WHERE conname = %s", [ERROR_NAME])
            return cursor.fetchone()[0] == 1
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            [f"{ERROR_NAME}_%"],
        )
        return cursor.fetchone()[0] == 2


def is_overlap_error(error: Exception) -> bool:
    """Whether an IntegrityError came from this guard (both databases name it in the message)."""
    return ERROR_NAME in str(error)


def is_refusal(error: Exception) -> bool:
    """Whether the database refused a write because of the guard.

    Besides the guard's own error, PostgreSQL may answer two transactions inserting conflicting
    rows at the same instant with a deadlock: each waits to see whether the other's row commits,
    and one is aborted. The services never meet this (they lock the agenda first); raw writers
    may.
    """
    if is_overlap_error(error):
        return True
    cause = getattr(error, "__cause__", None)
    return type(cause).__name__ == "DeadlockDetected" or "deadlock detected" in str(error)
