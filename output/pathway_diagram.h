#pragma once

// The pathway drawn for a reader: Graphviz DOT text, and an SVG rendered from
// it by Graphviz's `dot` program when it is installed.

#include <string>

#include "models/scenario/scenario.h"

namespace output {

// Graphviz DOT of the pathway: a node per stage, shaped by kind and labelled
// with its name, kind, pool, duration, milestone and withdrawal hazard; an
// edge per branch, labelled with its probability unless it is 1.
std::string to_dot(const models::Scenario& scenario);

// Renders `dot` to SVG at svg_path with Graphviz's `dot` program, via a
// temporary file renamed into place, so a reader never sees half a drawing.
// Returns false, with the reason in *error (if not null), when `dot` is not
// installed or fails.
bool write_svg(const std::string& dot, const std::string& svg_path, std::string* error);

}  // namespace output
