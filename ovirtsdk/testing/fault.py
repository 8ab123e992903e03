"""The error replies of the fake engine."""


class Fault(Exception):
    """An error reply: ``status`` with ``<fault><reason/><detail/></fault>``.

    ``html`` replaces the XML body by the application server's error page (401).
    """

    def __init__(self, status, reason, detail=None, headers=None, html=False):
        Exception.__init__(self, status, reason, detail)
        self.status = status
        self.reason = reason
        self.detail = detail
        self.headers = list(headers or ())
        self.html = html

    def __str__(self):
        return "%d %s: %s" % (self.status, self.reason, self.detail)
