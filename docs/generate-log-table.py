#!/usr/bin/env python3
"""Rewrites the log-event table at the end of docs/operations.md from every [LoggerMessage] under src/.
Run it after adding or changing a log event; LogEventTests fail while the table and the code disagree."""
import glob, os, re

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ids = dict(re.findall(r'public const int (\w+) = (\d+);', open(os.path.join(root, 'src/Dispatcher.Core/Logging/LogEventIds.cs')).read()))
rows = []
for path in glob.glob(os.path.join(root, 'src/**/*.cs'), recursive=True):
    if '/obj/' in path or '/bin/' in path:
        continue
    for args in re.findall(r'\[LoggerMessage\((.*?)\)\]\s*\n', open(path).read(), re.S):
        name = re.search(r'EventName = nameof\(LogEventIds\.(\w+)\)', args).group(1)
        level = re.search(r'Level = LogLevel\.(\w+)', args).group(1)
        message = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', re.search(r'Message = (.*)', args, re.S).group(1)))
        folder = os.path.relpath(os.path.dirname(path), os.path.join(root, 'src'))
        rows.append((int(ids[name]), name, level, message.replace('|', '\\|'), folder))
rows.sort()
guide = os.path.join(root, 'docs/operations.md')
text = open(guide).read()
header = '| id | event | level | message | source |\n|---|---|---|---|---|\n'
start = text.index(header) + len(header)
end = start
lines = text[start:].split('\n')
consumed = 0
for line in lines:
    if not line.startswith('| '):
        break
    consumed += len(line) + 1
table = ''.join(f'| {i} | `{n}` | {l} | {m} | `{f}` |\n' for i, n, l, m, f in rows)
open(guide, 'w').write(text[:start] + table + text[start + consumed:])
print(f'{len(rows)} events')
