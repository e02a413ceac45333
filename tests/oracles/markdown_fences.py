"""markdown-it (CommonMark) as an oracle: for each Markdown file named, its
fenced code blocks outside block quotes, as [tag, content]. Prints JSON
keyed by the paths as given."""
import json
import sys

from markdown_it import MarkdownIt

md = MarkdownIt("commonmark")
verdicts = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    blocks = []
    quoted = 0
    for token in md.parse(text):
        if token.type == "blockquote_open":
            quoted += 1
        elif token.type == "blockquote_close":
            quoted -= 1
        elif token.type == "fence" and quoted == 0:
            tag = token.info.split()[0] if token.info.split() else ""
            blocks.append([tag, token.content])
    verdicts[path] = blocks
print(json.dumps(verdicts))
