"""Path converters for the apps' admin URLs."""


class RowId:
    """A primary key the database can hold: `<row_id:page_id>`. A number too large for a 64-bit
    integer is no address (404); SQLite would not compare it, PostgreSQL would not need to."""

    regex = "[0-9]{1,19}"
    LARGEST = 2**63 - 1

    def to_python(self, value):
        number = int(value)
        if number > self.LARGEST:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)
