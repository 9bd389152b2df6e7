"""plancc: a compiler for Japanese municipal ICT plans (地域情報化計画)."""

__version__ = "0.1.0"
