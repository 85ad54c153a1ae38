// libyaml, the system's (libyaml-dev): its event parser is what GameDay composes scenario files
// from. Linked statically (see Package.swift), so the installed binary needs no libyaml of its own.
#include <yaml.h>
