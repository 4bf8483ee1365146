"""The build in order (read, check, index, plan, render, write) and its settings."""
