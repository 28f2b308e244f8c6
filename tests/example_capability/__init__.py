"""A small example capability, installed only in the test settings and registered only
inside `tests/test_example_capability.py`: it shows that a capability is one folder that
registers itself (a page in the alliance navigation, a card summary, an attention item, an
API route, matrix routes) without any other app changing."""
