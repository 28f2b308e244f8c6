from django.conf import settings


def solution(request) -> dict:
    """Who runs the solution, for the header and footer every Danish public solution has."""
    return {
        "solution_name": settings.BROBYGGER_SOLUTION_NAME,
        "authority_name": settings.BROBYGGER_AUTHORITY_NAME,
        "contact_email": settings.BROBYGGER_CONTACT_EMAIL,
        "contact_phone": settings.BROBYGGER_CONTACT_PHONE,
        "dpo_email": settings.BROBYGGER_DPO_EMAIL or settings.BROBYGGER_CONTACT_EMAIL,
    }
