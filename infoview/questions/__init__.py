"""The question bank, the question linter and the plan selector."""
