"""Publishing versioned editions of the site to a git branch."""
