"""Time: expressions resolved against the reference date into intervals with a precision."""
