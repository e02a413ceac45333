"""PyYAML as an oracle: for each file named, whether `yaml.safe_load_all`
reads every document. Prints JSON keyed by the paths as given."""
import json
import sys

import yaml

verdicts = {}
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8-sig") as f:
            list(yaml.safe_load_all(f))
        verdicts[path] = True
    except yaml.YAMLError:
        verdicts[path] = False
print(json.dumps(verdicts))
