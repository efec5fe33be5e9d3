"""Our date formats beside Django's, per language (settings.FORMAT_MODULE_PATH).

Short dates name the month in three letters. Django's "M" capitalises it ("1 Mrt", "11 Mei"),
which Dutch does not (issue 30); "b" gives it in lower case. Pages and code write
`date:"SHORT_DATE_FORMAT"`, `"SHORT_DATETIME_FORMAT"` or `"MONTH_DAY_FORMAT"`, never a
format with "M" of their own (a test holds that).
"""
