#!/usr/bin/env python3
# check-doap.py DOAP METAINFO: socket-lab.doap is well-formed XML with what GNOME's tools read
# (name, shortdesc, description, homepage, bug-database, programming-language, a maintainer
# as a foaf:Person with a name), and says the same as the metainfo where both say something.
# SPDX-License-Identifier: GPL-3.0-or-later
import sys
import xml.etree.ElementTree as ET

DOAP = '{http://usefulinc.com/ns/doap#}'
FOAF = '{http://xmlns.com/foaf/0.1/}'
RDF = '{http://www.w3.org/1999/02/22-rdf-syntax-ns#}'

doap_path, metainfo_path = sys.argv[1:3]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


try:
    project = ET.parse(doap_path).getroot()
except ET.ParseError as error:
    sys.exit(f'FAIL: {doap_path} is not well-formed XML: {error}')
metainfo = ET.parse(metainfo_path).getroot()


def text(element, path):
    found = element.find(path)
    return ' '.join(found.text.split()) if found is not None and found.text else ''


def resource(path):
    found = project.find(path)
    return found.get(RDF + 'resource', '') if found is not None else ''


def url(kind):
    for found in metainfo.findall('url'):
        if found.get('type') == kind:
            return found.text.strip()
    return None


check(project.tag == DOAP + 'Project', f'the root element is {project.tag}, not doap:Project')
for tag in ('name', 'shortdesc', 'description'):
    check(text(project, DOAP + tag) != '', f'doap:{tag} is missing or empty')
check(text(project, DOAP + 'name') == text(metainfo, 'name'), 'doap:name is not the metainfo name')
check(text(project, DOAP + 'shortdesc') == text(metainfo, 'summary'),
      'doap:shortdesc is not the metainfo summary')
check(resource(DOAP + 'homepage') == url('homepage'), 'doap:homepage is not the metainfo homepage')
check(resource(DOAP + 'bug-database') == url('bugtracker'),
      'doap:bug-database is not the metainfo bugtracker')
languages = [e.text for e in project.findall(DOAP + 'programming-language')]
check(languages == ['C'], f'doap:programming-language is {languages}, not C')
names = [text(person, FOAF + 'name')
         for person in project.findall(f'{DOAP}maintainer/{FOAF}Person')]
check(names == ['The Socket Lab developers'],
      f'the maintainers are {names}: one foaf:Person named The Socket Lab developers is expected')

for failure in failures:
    print(f'FAIL: {failure}')
if failures:
    sys.exit(1)
print(f'ok: {doap_path}')
