"""Request tweaks that apply site-wide."""


class ThaiUnlessChosenMiddleware:
    """Pages are Thai unless the user picked English in the footer (the language cookie).

    Office PCs often run an English browser; the brief's users work in Thai, so a browser's
    Accept-Language must not switch the pages. The API still honours Accept-Language so other
    city systems can ask for English error messages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
