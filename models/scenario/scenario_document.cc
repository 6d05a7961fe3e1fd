#include "models/scenario/scenario_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <system_error>
#include <utility>

#include "models/scenario/duplicate_keys.h"
#include "models/scenario/scenario_loader.h"  // kMaxScenarioBytes

namespace models::loading {

namespace fs = std::filesystem;

namespace {

constexpr const char* kScenarioFile = "a scenario file (.json)";

// Line and column, counted from 1, of the byte at `offset`.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

// Copying, merging, printing and checking a JSON value recurse once per level
// of nesting, so absurdly deep input would overflow the stack. No scenario
// needs more than a handful of levels.
constexpr std::size_t kMaxNesting = 64;

// The offset of the first '[' or '{' deeper than kMaxNesting, skipping strings
// and comments; nullopt if there is none.
std::optional<std::size_t> too_deep(std::string_view text) {
  std::size_t depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      i = std::min(text.find('\n', i), text.size());
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      i = std::min(text.find("*/", i + 2), text.size());
      ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

std::optional<Json> parse_json(std::string_view text, const std::string& shown,
                               std::vector<Diagnostic>& problems) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    problems.push_back({shown, "", "file is empty, expected a JSON object"});
    return std::nullopt;
  }
  try {
    // Parsing itself does not recurse, so syntax errors are reported first.
    Json j = Json::parse(text, nullptr, true, /*ignore_comments=*/true);
    if (!j.is_object()) {
      problems.push_back({shown, "", "expected a JSON object at the top level"});
      return std::nullopt;
    }
    if (auto offset = too_deep(text)) {
      const auto [line, col] = line_column(text, *offset);
      problems.push_back({shown, "",
                          fmt::format("nested more than {} levels deep at line {}, "
                                      "column {}; expected a scenario object",
                                      kMaxNesting, line, col)});
      return std::nullopt;
    }
    const auto duplicates = duplicate_keys(text);
    for (const std::string& pointer : duplicates)
      problems.push_back({shown, pointer,
                          "this key appears more than once in its object; expected each key "
                          "once (only the last would count)"});
    if (!duplicates.empty()) return std::nullopt;
    return j;
  } catch (const Json::parse_error& e) {
    // Turn nlohmann's byte offset into a line and column a person can find.
    const auto [line, col] = line_column(text, e.byte ? e.byte - 1 : 0);
    std::string what = e.what();
    if (auto pos = what.find("syntax error"); pos != std::string::npos) what = what.substr(pos);
    problems.push_back(
        {shown, "", fmt::format("not valid JSON at line {}, column {}: {}", line, col, what)});
    return std::nullopt;
  } catch (const Json::out_of_range& e) {
    // A number too large for a double ("number overflow parsing '1e999'").
    std::string what = e.what();
    if (auto pos = what.find("number overflow"); pos != std::string::npos) what = what.substr(pos);
    std::string where;
    if (auto open = what.find('\''), close = what.rfind('\'');
        open != std::string::npos && close > open) {
      if (auto at = text.find(std::string_view(what).substr(open + 1, close - open - 1));
          at != std::string_view::npos) {
        const auto [line, col] = line_column(text, at);
        where = fmt::format(" at line {}, column {}", line, col);
      }
    }
    problems.push_back({shown, "",
                        fmt::format("not valid JSON{}: {}; expected numbers no larger "
                                    "than about 1.8e308",
                                    where, what)});
    return std::nullopt;
  }
}

// A file in an `extends` chain: its real path, to spot cycles, and its name
// as the user gave it, for messages.
struct ChainLink {
  fs::path canonical;
  std::string shown;
};

fs::path canonical_or_same(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path : canonical;
}

// Paths inside a scenario are relative to the file that names them. Merging
// loses track of which file that was, so they are made relative to the
// working folder first (a relative path stays relative, for short messages).
void anchor_paths(Json& doc, const fs::path& base_dir) {
  if (!doc.contains("initial_state") || !doc["initial_state"].is_object()) return;
  Json& state = doc["initial_state"];
  if (!state.contains("csv") || !state["csv"].is_string()) return;
  const fs::path csv = state["csv"].get<std::string>();
  if (csv.empty() || csv.is_absolute()) return;
  state["csv"] = (base_dir / csv).lexically_normal().string();
}

// Applies `doc` (read from `shown`, in `base_dir`) to the scenario it extends,
// if any, resolving that one's chain first. `chain` holds the files already
// being resolved, outermost first.
std::optional<Json> resolve_document(Json doc, const fs::path& base_dir, const std::string& shown,
                                     std::vector<ChainLink>& chain,
                                     std::vector<Diagnostic>& problems) {
  anchor_paths(doc, base_dir);
  if (!doc.contains("extends")) return doc;
  const Json& ext = doc["extends"];
  if (!ext.is_string()) {
    problems.push_back(
        {shown, "/extends", "expected a string: the path of the scenario this one extends"});
    return std::nullopt;
  }
  const std::string target = ext.get<std::string>();
  const fs::path parent = base_dir / target;
  const std::string parent_shown = parent.lexically_normal().string();
  const fs::path canonical = canonical_or_same(parent);
  if (std::any_of(chain.begin(), chain.end(),
                  [&](const ChainLink& link) { return link.canonical == canonical; })) {
    std::string cycle;
    for (const auto& link : chain) cycle += link.shown + " -> ";
    problems.push_back({shown, "/extends",
                        fmt::format("extends cycle: {}{}; expected a chain that ends in a file "
                                    "without \"extends\"",
                                    cycle, parent_shown)});
    return std::nullopt;
  }
  // A parent that cannot be read is a mistake in this file's "extends".
  std::vector<Diagnostic> unreadable;
  const std::string text = read_text(parent, parent_shown, kScenarioFile, unreadable);
  for (const auto& d : unreadable)
    problems.push_back(
        {shown, "/extends",
         fmt::format("cannot extend \"{}\": {}{}; the path is relative to the folder of the "
                     "file that names it",
                     target, d.message,
                     target == parent_shown ? "" : " (looked for " + parent_shown + ")")});
  if (!unreadable.empty()) return std::nullopt;
  auto base = parse_json(text, parent_shown, problems);
  if (!base) return std::nullopt;
  chain.push_back({canonical, parent_shown});
  base = resolve_document(std::move(*base), parent.parent_path(), parent_shown, chain, problems);
  if (!base) return std::nullopt;
  doc.erase("extends");
  base->merge_patch(doc);
  return base;
}
}  // namespace

std::string read_text(const fs::path& path, const std::string& shown, const char* what,
                      std::vector<Diagnostic>& problems) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    problems.push_back({shown, "", "file not found"});
    return {};
  }
  if (fs::is_directory(status)) {
    problems.push_back({shown, "", fmt::format("is a directory, expected {}", what)});
    return {};
  }
  // Checked before opening: open() on a named pipe waits for a writer for
  // ever, and a device may never end.
  if (!fs::is_regular_file(status)) {
    problems.push_back(
        {shown, "", fmt::format("is not a regular file (a pipe, device or socket), expected {}",
                                what)});
    return {};
  }
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxScenarioBytes) {
    problems.push_back(
        {shown, "",
         fmt::format("file is {:.1f} MB, expected {} of at most {} MB",
                     static_cast<double>(size) / (1 << 20), what, kMaxScenarioBytes >> 20)});
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems.push_back({shown, "", "cannot be read (permission?)"});
    return {};
  }
  std::string text;
  std::array<char, 1 << 16> chunk;
  while (in.read(chunk.data(), chunk.size()), in.gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxScenarioBytes) {
      problems.push_back({shown, "",
                          fmt::format("is larger than {} MB, expected {} of at most {} MB",
                                      kMaxScenarioBytes >> 20, what, kMaxScenarioBytes >> 20)});
      return {};
    }
  }
  if (in.bad()) {
    problems.push_back({shown, "", "cannot be read (I/O error)"});
    return {};
  }
  return text;
}

std::optional<Json> read_document(const fs::path& path, std::vector<Diagnostic>& problems) {
  const std::string shown = path.string();
  const std::size_t known = problems.size();
  const std::string text = read_text(path, shown, kScenarioFile, problems);
  if (problems.size() > known) return std::nullopt;
  auto doc = parse_json(text, shown, problems);
  if (!doc) return std::nullopt;
  std::vector<ChainLink> chain{{canonical_or_same(path), shown}};
  return resolve_document(std::move(*doc), path.parent_path(), shown, chain, problems);
}

std::optional<Json> parse_document(std::string_view text, const std::string& name,
                                   const fs::path& base_dir, std::vector<Diagnostic>& problems) {
  auto doc = parse_json(text, name, problems);
  if (!doc) return std::nullopt;
  std::vector<ChainLink> chain;
  return resolve_document(std::move(*doc), base_dir, name, chain, problems);
}

}  // namespace models::loading
