class SitePagesError(Exception):
    """Base error of the site pages; its message is translated and shown to the visitor."""


class NewsletterLinkInvalid(SitePagesError):
    pass
