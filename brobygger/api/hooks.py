from . import selectors


def account_tokens(user) -> dict:
    return {"tokens": selectors.tokens_of(user)}
