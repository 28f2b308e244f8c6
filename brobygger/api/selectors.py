from .models import ApiToken


def tokens_of(user) -> list[ApiToken]:
    return list(user.api_tokens.all())


def token_of(user, pk: int) -> ApiToken | None:
    return user.api_tokens.filter(pk=pk).first()
