from django.apps import AppConfig


class ExampleConfig(AppConfig):
    """A real capability would register its hooks here, in ready(); this one leaves that to
    the test, so the rest of the suite runs without it."""

    name = "tests.example_capability"
    label = "example"
