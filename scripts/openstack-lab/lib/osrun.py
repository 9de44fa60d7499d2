#!/usr/bin/python3
"""Runs a console script of the installed OpenStack libraries by name (nova-api,
glance-manage, ...). The binaries ship with Debian's service packages, which the lab
does not install; the entry points themselves are in the libraries' metadata."""
import sys
from importlib.metadata import entry_points

name, args = sys.argv[1], sys.argv[2:]
found = [point for point in entry_points(group="console_scripts") if point.name == name]
if not found:
    sys.exit(f"osrun: no console script named {name}")
sys.argv = [name, *args]
sys.exit(found[0].load()())
