"""The fake engine's v4 dialect (an oVirt 4.5 engine): the v4 model and rendering.

``apimodel`` is generated from ``schema/v4`` (the v4 API imported from the v4 SDK)
by ``python -m codegen``.
"""
