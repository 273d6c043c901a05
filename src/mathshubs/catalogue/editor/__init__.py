"""The national team's catalogue editor (ISSUE 12, part 2)."""
