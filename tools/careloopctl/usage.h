#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace careloop::ctl {

/// Levenshtein distance between `a` and `b` (bytes; ASCII letters compared case-insensitively).
[[nodiscard]] size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`: the first one that starts with `word`, else the one at the
/// smallest edit distance (the first of equals). Empty when there are no candidates.
[[nodiscard]] std::string NearestWord(std::string_view word, const std::vector<std::string>& candidates);

/// What to tell the user when parsing stopped at a command level (the root, or `reminder`, …)
/// that needs a command: the unknown word with the nearest command, or that one is missing,
/// and the commands there. nullopt when the error is about something else (an option, a
/// value, --help), which CLI11 explains itself. `app` is the root, after parse() threw.
[[nodiscard]] std::optional<std::string> ExplainCommandError(const CLI::App& app, const CLI::Error& error);

}  // namespace careloop::ctl
