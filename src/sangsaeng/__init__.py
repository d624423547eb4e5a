"""상생 (Sangsaeng): cooperation work between Korean local governments."""
