"""CSV for people who open it in a spreadsheet: Excel's dialect for Swedish, and no formulas."""

import csv
import io

FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def spreadsheet_safe(value):
    """`value` as text a spreadsheet shows and never runs: a cell that starts like a formula
    gets a leading apostrophe."""
    value = str(value)
    return "'" + value if value[:1] in FORMULA_STARTS else value


def spreadsheet_csv(header, rows):
    """`header` and `rows` as CSV, UTF-8 with a byte order mark and semicolons, as Excel in
    Swedish expects; every cell defused, since what people write there is theirs to choose."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()
