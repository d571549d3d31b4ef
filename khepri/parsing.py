"""Reading identifiers typed into forms and addresses, where anything may arrive."""

from __future__ import annotations

#: The largest primary key a database column holds (a signed 64-bit integer).
LARGEST_ID = 2**63 - 1


def plain_id(value) -> int | None:
    """`value` as a database id, or None when it is not one: ASCII digits only (`"²".isdigit()`
    is true but `int("²")` fails), within a 64-bit column."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= LARGEST_ID else None


def plain_count(value: str) -> int | None:
    """A non-negative whole number written in ASCII digits (a header, a size), or None."""
    return int(value) if value.isascii() and value.isdigit() else None
