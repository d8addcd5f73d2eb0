"""placeholder"""

PROBLEMS = []
