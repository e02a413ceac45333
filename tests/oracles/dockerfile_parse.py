"""BuildKit's Dockerfile parser (PyPI `dockerfile`) as an oracle: for each
file named, whether it parses and, when it does, each instruction's keyword
and heredoc names (null for ONBUILD, whose heredocs belong to its trigger,
which the package does not expose). Prints JSON keyed by the paths as given."""
import json
import sys

import dockerfile

verdicts = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        commands = dockerfile.parse_string(text)
    except dockerfile.GoParseError as error:
        verdicts[path] = {"ok": False, "error": str(error).splitlines()[0]}
        continue
    verdicts[path] = {
        "ok": True,
        "instructions": [
            [c.cmd.upper(), None if c.cmd.upper() == "ONBUILD" else [h.name for h in c.heredocs]]
            for c in commands
        ],
    }
print(json.dumps(verdicts))
