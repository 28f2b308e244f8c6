"""Small pieces every app's views share."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_form(request: HttpRequest, template_name: str, context: dict, *forms) -> HttpResponse:
    """Render a page with forms; if any bound form has errors the answer is 400, so clients
    and tests see the failure (a form page that merely shows itself is 200)."""
    failed = any(form is not None and form.is_bound and form.errors for form in forms)
    return render(request, template_name, context, status=400 if failed else 200)


class InvalidFormAnswers400:
    """The same for Django's class-based form views (login, password pages)."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
