#include "tools/careloopctl/usage.h"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace careloop::ctl {
namespace {

char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// The named commands directly under `app` (option groups are unnamed subcommands), with
// their aliases, in the order they were added.
std::vector<std::string> CommandsOf(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); })) {
    if (command->get_disabled()) {
      continue;
    }
    names.push_back(command->get_name());
    for (const auto& alias : command->get_aliases()) {
      names.push_back(alias);
    }
  }
  return names;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    out += (out.empty() ? "" : ", ") + word;
  }
  return out;
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      const size_t substitution = diagonal + (Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string NearestWord(std::string_view word, const std::vector<std::string>& candidates) {
  if (!word.empty()) {
    for (const auto& candidate : candidates) {
      if (candidate.size() >= word.size() && EditDistance(candidate.substr(0, word.size()), word) == 0) {
        return candidate;
      }
    }
  }
  std::string nearest;
  size_t best = 0;
  for (const auto& candidate : candidates) {
    const size_t distance = EditDistance(word, candidate);
    if (nearest.empty() || distance < best) {
      nearest = candidate;
      best = distance;
    }
  }
  return nearest;
}

std::optional<std::string> ExplainCommandError(const CLI::App& app, const CLI::Error& error) {
  if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    return std::nullopt;  // --help and friends
  }
  // The command level where parsing stopped: follow the commands that were given.
  const CLI::App* level = &app;
  std::string path = app.get_name();  // argv[0]
  path = path.empty() ? "careloopctl" : path.substr(path.find_last_of('/') + 1);
  for (;;) {
    const auto given = level->get_subcommands();
    const auto named =
        std::find_if(given.begin(), given.end(), [](const CLI::App* sub) { return !sub->get_name().empty(); });
    if (named == given.end()) {
      break;
    }
    level = *named;
    path += " " + level->get_name();
  }
  const std::vector<std::string> commands = CommandsOf(*level);
  if (commands.empty() || level->get_require_subcommand_min() == 0) {
    return std::nullopt;
  }
  // Words that matched nothing end up in the root's leftovers (the commands fall through).
  std::string unknown;
  for (const auto& word : app.remaining(true)) {
    if (!word.empty() && word.front() != '-') {
      unknown = word;
      break;
    }
  }
  std::string out;
  if (unknown.empty()) {
    out = "error: " + path + " needs a command\n";
  } else {
    out = "error: unknown command '" + unknown + "' for " + path + "; did you mean '" + NearestWord(unknown, commands) +
          "'?\n";
  }
  out += "commands: " + Join(commands) + "\nRun with --help for more information.\n";
  return out;
}

}  // namespace careloop::ctl
