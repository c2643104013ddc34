#!/usr/bin/env python3
# check-flatpak-manifest.py FLATPAK-BUILDER MANIFEST APP-ID release|devel [METAINFO]
#
# flatpak-builder --show-manifest must parse MANIFEST without a word on stderr (it only warns
# about unknown properties, and drops them); then what it parsed must be what we ship:
#   - APP-ID (the id meson.build gives this profile), runtime org.gnome.Platform / Sdk >= 50
#   - exactly the five finish-args of the sandbox, nothing more
#   - release: a git source from the project repository, with a vX.Y.Z tag that names the
#     newest <release> of METAINFO and a full commit hash (build-aux/flatpak/set-release)
#   - devel: the working tree (a dir source) built with -Ddevelopment=true
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

FINISH_ARGS = ['--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11',
               '--device=dri']
REPOSITORY = 'https://github.com/socketlab/socket-lab.git'

flatpak_builder, manifest_path, app_id, kind = sys.argv[1:5]
metainfo_path = sys.argv[5] if len(sys.argv) > 5 else None
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


# It writes a .flatpak-builder state directory into the current one: keep that out of the tree.
with tempfile.TemporaryDirectory() as scratch:
    run = subprocess.run([flatpak_builder, '--show-manifest', manifest_path],
                         capture_output=True, text=True, cwd=scratch)
print(f'$ flatpak-builder --show-manifest {manifest_path}  (exit status {run.returncode})')
if run.stderr:
    print(run.stderr, end='')
if run.returncode != 0 or run.stderr.strip():
    print('FAIL: flatpak-builder did not parse the manifest cleanly')
    sys.exit(1)
manifest = json.loads(run.stdout)

check(manifest.get('id') == app_id, f'id is {manifest.get("id")!r}, meson.build says {app_id!r}')
check(manifest.get('runtime') == 'org.gnome.Platform', f'runtime is {manifest.get("runtime")!r}')
check(manifest.get('sdk') == 'org.gnome.Sdk', f'sdk is {manifest.get("sdk")!r}')
version = str(manifest.get('runtime-version', ''))
check(version.isdigit() and int(version) >= 50,
      f'runtime-version is {version!r}: GNOME 50 or newer is needed')
check(manifest.get('command') == 'socket-lab', f'command is {manifest.get("command")!r}')
finish_args = manifest.get('finish-args', [])
check(sorted(finish_args) == sorted(FINISH_ARGS) and len(finish_args) == len(FINISH_ARGS),
      f'finish-args are {finish_args}, not exactly {FINISH_ARGS}')

modules = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
app_modules = [m for m in modules if m.get('name') == 'socket-lab']
check(len(app_modules) == 1, 'no single module named socket-lab')
module = app_modules[0] if app_modules else {}
sources = module.get('sources', [])
check(module.get('buildsystem') == 'meson', 'socket-lab is not built with meson')
check(len(sources) == 1, f'socket-lab has {len(sources)} sources, not one')
source = sources[0] if sources else {}
options = module.get('config-opts', [])

if kind == 'release':
    check(source.get('type') == 'git', f'the source is {source.get("type")!r}, not git')
    check(source.get('url') == REPOSITORY, f'the git url is {source.get("url")!r}')
    tag = source.get('tag', '')
    check(re.fullmatch(r'v\d+\.\d+\.\d+', tag) is not None, f'tag {tag!r} is not vX.Y.Z')
    check(re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')) is not None,
          f'commit {source.get("commit")!r} is not a full commit hash')
    check('branch' not in source, 'a release builds a tag, not a branch')
    check('-Ddevelopment=true' not in options, 'the release manifest builds the Devel profile')
    if metainfo_path is not None:
        releases = ET.parse(metainfo_path).getroot().findall('./releases/release')
        newest = releases[0].get('version') if releases else None
        check(tag == f'v{newest}', f'tag {tag!r} is not the newest metainfo release {newest!r}')
elif kind == 'devel':
    check(source.get('type') == 'dir', f'the source is {source.get("type")!r}, not dir')
    check(source.get('path') == '../..', f'the dir source is {source.get("path")!r}, not the tree')
    check('-Ddevelopment=true' in options, 'the Devel manifest lacks -Ddevelopment=true')
else:
    sys.exit(f'unknown kind {kind!r}')

for failure in failures:
    print(f'FAIL: {failure}')
if failures:
    sys.exit(1)
print(f'ok: {manifest_path} parses and is the {kind} manifest of {app_id}')
