#!/usr/bin/env python3
# validate-metainfo.py APPSTREAMCLI METAINFO: `appstreamcli validate --pedantic --no-net` must
# report no error, no warning and no info. Allowed, because they cannot be avoided:
#   P cid-contains-uppercase-letter  the app id io.github.socketlab.SocketLab is fixed
#   I unknown-tag developer          AppStream before 1.0 (Debian 12 has 0.16) does not know
#                                    <developer id=…>, which Flathub requires
# SPDX-License-Identifier: GPL-3.0-or-later
import re
import subprocess
import sys

appstreamcli, metainfo = sys.argv[1:3]

version_text = subprocess.run([appstreamcli, '--version'], capture_output=True, text=True).stdout
match = re.search(r'(\d+)\.(\d+)', version_text)
version = (int(match.group(1)), int(match.group(2))) if match else (0, 0)

allowed = {('P', 'cid-contains-uppercase-letter')}
if version < (1, 0):
    allowed.add(('I', 'unknown-tag', 'developer'))

def validate(*options):
    run = subprocess.run([appstreamcli, 'validate', '--pedantic', '--no-net', *options, metainfo],
                         capture_output=True, text=True)
    return run.returncode, run.stdout + run.stderr


status, output = validate()
print(output, end='')

failures = []
if status != 0:
    failures.append(f'appstreamcli exited with {status} (an error or a warning)')
# Issue lines: "W: io.github.socketlab.SocketLab:26: url-invalid-type nonsense"; a long one
# goes on in indented lines, joined here.
issues = []
for line in output.splitlines():
    if line[:1].isspace() and issues:
        issues[-1] += ' ' + line.strip()
    elif re.match(r'^[EWIP]: ', line):
        issues.append(line)
for line in issues:
    issue = re.match(r'^([EWIP]): [^:]*(?::\d+)?: (\S+)(?: (.*))?$', line)
    if issue is None:
        failures.append(f'cannot read: {line}')
        continue
    severity, tag, value = issue.group(1), issue.group(2), (issue.group(3) or '').strip()
    if (severity, tag) in allowed or (severity, tag, value) in allowed:
        continue
    failures.append(f'not allowed: {line}')

if failures:
    print(validate('--explain')[1], end='')
for failure in failures:
    print(f'FAIL: {failure}')
if failures:
    sys.exit(1)
print(f'ok: AppStream {version[0]}.{version[1]} reports nothing but the allowed issues')
