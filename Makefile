# The README's two commands. The work is done in scripts/, which can be read and run without make.
PORT ?= 8000

.PHONY: demo test

# Set up everything and serve the demo county on http://127.0.0.1:$(PORT).
demo:
	scripts/setup
	.venv/bin/knutpunkt demo --port $(PORT)

# Set up everything and run every check CI runs. Extra pytest arguments: make test ARGS="-k consent".
test:
	scripts/test $(ARGS)
