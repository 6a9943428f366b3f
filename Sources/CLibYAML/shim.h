// The system libyaml (Debian: libyaml-dev), read event by event by TenderRules' YAMLComposer.
#include <yaml.h>
