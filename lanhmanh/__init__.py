"""lanhmanh: plans, registers and reports of the provincial programmes against prostitution."""

__version__ = "0.1.0"
