"""Local development stack: everything `make run` starts on one machine."""
