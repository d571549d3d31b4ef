"""CSV cells that stay text in a spreadsheet. A name typed by a patient such as
`=HYPERLINK(...)` would otherwise run as a formula when staff or a practitioner open the export
(CSV injection); such a cell gets a leading apostrophe, which spreadsheets hide."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """Free text written by people (names, labels) for a CSV cell; amounts and dates made by
    the code need no care."""
    value = str(value or "")
    return "'" + value if value.startswith(FORMULA_STARTS) else value
