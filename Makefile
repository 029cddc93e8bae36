# Two commands: `make run` (install into .venv, start the page on the demo pair), `make test` (install, run every test).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install run test browser bench judge clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -c "import compare.embed.embedder as e; e.load_model(); import compare.text.nlp as n; n.get_nlp()"
	touch $@

run: install
	$(BIN)/streamlit run app.py --server.headless true --browser.gatherUsageStats false

# the browser test drives Debian's Chromium; install it when missing (needs root, as in CI)
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: the browser test will be skipped"; }

test: install browser
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/checks.py
	$(BIN)/python bench/speed.py

# rebuild the support judge from ../shared/data/train (CPU, seeded; prints its time): compare/data/judge/
judge: install
	$(BIN)/python -m train.judge

clean:
	rm -rf $(VENV)
