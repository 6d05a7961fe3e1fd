#include "models/scenario/open_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "models/scenario/csv_reader.h"
#include "models/scenario/scenario_document.h"
#include "sim/calendar.h"

namespace models::loading {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCsvFile = "a CSV file of open cases";

// An initial case given in JSON or as a CSV row, checked the same way.
struct RawInitialCase {
  std::string where_file, where;  // for messages: a JSON pointer, or "line N" of a CSV file
  bool csv = false;
  std::set<std::string> reported;  // fields already found wrong while reading
  std::string id, type, stage, report_date, stage_entry_date;
  bool isva = false;
};

void check_initial_cases(const std::vector<RawInitialCase>& raw, Scenario& s,
                         std::vector<Diagnostic>& problems) {
  const std::vector<std::string> type_names = names_in(s.case_types);
  const std::vector<std::string> stage_names = names_in(s.stages);
  std::set<std::string> ids;
  for (const auto& r : raw) {
    auto err = [&](const std::string& field, const std::string& msg) {
      if (r.reported.count(field)) return;  // said once already, and better
      problems.push_back({r.where_file, r.where + (r.csv ? ", column " : "/") + field, msg});
    };
    InitialCase c;
    c.id = r.id;
    c.isva = r.isva;
    if (r.id.empty())
      err("id", "missing; expected a case identifier");
    else if (!ids.insert(r.id).second)
      err("id",
          fmt::format("duplicate case id '{}'; expected each open case to have its own id", r.id));
    auto t = std::find(type_names.begin(), type_names.end(), r.type);
    if (t == type_names.end())
      err("type", fmt::format("unknown case type '{}'{}; expected one of the case_types", r.type,
                              suggestion(r.type, type_names)));
    else
      c.type = static_cast<std::size_t>(t - type_names.begin());
    auto st = std::find(stage_names.begin(), stage_names.end(), r.stage);
    if (st == stage_names.end()) {
      err("stage", fmt::format("unknown stage '{}'{}; expected a stage of the pathway", r.stage,
                               suggestion(r.stage, stage_names)));
    } else {
      c.stage = static_cast<std::size_t>(st - stage_names.begin());
      if (s.stages[c.stage].kind == StageKind::kTerminal)
        err("stage",
            fmt::format("'{}' is an outcome; expected the stage an open case is in", r.stage));
    }
    auto date = [&](const char* field, const std::string& text) {
      auto d = sim::parse_iso_date(text);
      if (!d) err(field, not_a_date(text));
      return d;
    };
    auto report = date("report_date", r.report_date);
    auto entry = date("stage_entry_date", r.stage_entry_date);
    if (report && entry) {
      if (*entry < *report)
        err("stage_entry_date", "is before report_date; expected report <= stage entry");
      else if (*entry > s.meta.start_date)
        err("stage_entry_date", fmt::format("is after the scenario start {}; expected an open "
                                            "case as it stands at the start",
                                            sim::to_iso(s.meta.start_date)));
      c.report_date = *report;
      c.stage_entry_date = *entry;
    }
    s.initial_cases.push_back(c);
  }
}

// Reads the open cases of an initial-state CSV file into `raw`.
void read_initial_csv(const std::string& text, const std::string& file,
                      std::vector<RawInitialCase>& raw, std::vector<Diagnostic>& problems) {
  const std::vector<std::string> expected = {
      "id", "type", "stage", "report_date", "stage_entry_date", "isva"};
  const char* kColumns = "id,type,stage,report_date,stage_entry_date[,isva]";
  const std::vector<CsvRecord> records = read_csv(text);
  if (records.empty()) {
    problems.push_back(
        {file, "line 1", fmt::format("no header; expected the columns {}", kColumns)});
    return;
  }
  const auto& header = records.front().fields;
  const std::string header_line = fmt::format("line {}", records.front().line);
  std::vector<int> column(expected.size(), -1);
  for (std::size_t i = 0; i < header.size(); ++i)
    for (std::size_t k = 0; k < expected.size(); ++k)
      if (header[i] == expected[k]) column[k] = static_cast<int>(i);
  std::string missing;
  int missing_count = 0;
  for (std::size_t k = 0; k + 1 < expected.size(); ++k)
    if (column[k] < 0) {
      missing += (missing.empty() ? "'" : ", '") + expected[k] + "'";
      ++missing_count;
    }
  if (!missing.empty()) {
    problems.push_back({file, header_line,
                        fmt::format("header has no {} column{}; expected the columns {}, "
                                    "separated by commas",
                                    missing, missing_count == 1 ? "" : "s", kColumns)});
    return;
  }
  const std::size_t needed =
      static_cast<std::size_t>(*std::max_element(column.begin(), column.end() - 1)) + 1;
  for (std::size_t k = 1; k < records.size(); ++k) {
    const auto& fields = records[k].fields;
    const std::string where = fmt::format("line {}", records[k].line);
    if (fields.size() < needed) {
      problems.push_back(
          {file, where,
           fmt::format("has {} field{}; expected {}, as in the header", fields.size(),
                       fields.size() == 1 ? "" : "s", header.size())});
      continue;
    }
    auto field = [&](std::size_t k) -> std::string {
      return column[k] >= 0 && static_cast<std::size_t>(column[k]) < fields.size()
                 ? fields[static_cast<std::size_t>(column[k])]
                 : "";
    };
    RawInitialCase r;
    r.where_file = file;
    r.where = where;
    r.csv = true;
    r.id = field(0);
    r.type = field(1);
    r.stage = field(2);
    r.report_date = field(3);
    r.stage_entry_date = field(4);
    const std::string isva = field(5);
    if (isva == "true" || isva == "1" || isva == "yes") {
      r.isva = true;
    } else if (!(isva.empty() || isva == "false" || isva == "0" || isva == "no")) {
      problems.push_back({file, where + ", column isva",
                          fmt::format("'{}' is not allowed; expected true or false", isva)});
    }
    raw.push_back(r);
  }
}
// An open case given in the scenario itself; its type, stage and dates are
// checked later, with those from a CSV file.
RawInitialCase inline_case(const Json& c, const std::string& pointer, Checker& check) {
  RawInitialCase r;
  r.where_file = check.file();
  r.where = pointer;
  auto str = [&](const char* key) {
    auto v = check.string(c, pointer, key, true);
    if (!v) r.reported.insert(key);
    return v.value_or("");
  };
  r.id = str("id");
  r.type = str("type");
  r.stage = str("stage");
  r.report_date = str("report_date");
  r.stage_entry_date = str("stage_entry_date");
  r.isva = check.boolean(c, pointer, "isva").value_or(false);
  return r;
}

}  // namespace

void read_initial_state(const Json& root, Checker& check, Scenario& s,
                        std::vector<Diagnostic>& problems) {
  const Json* obj = check.object(root, "", "initial_state", false);
  if (!obj) return;
  const std::string p = "/initial_state";
  check.allow_keys(*obj, p, {"cases", "csv"});
  std::vector<RawInitialCase> raw;
  check.each_object(
      *obj, p,
      {.key = "cases",
       .expected = "an array of open cases",
       .expected_element = "an object describing an open case",
       .keys = {"id", "type", "stage", "report_date", "stage_entry_date", "isva"}},
      [&](const Json& c, const std::string& cp) { raw.push_back(inline_case(c, cp, check)); });
  const auto csv = check.string(*obj, p, "csv", false, "the path of a CSV file of open cases");
  if (csv && csv->empty()) {
    check.error(p + "/csv", "is empty; expected the path of a CSV file of open cases");
  } else if (csv) {
    // Already relative to the working folder (anchor_paths, models/scenario/scenario_document.cc).
    const fs::path path = *csv;
    const std::string shown = path.lexically_normal().string();
    std::vector<Diagnostic> file_problems;
    const std::string text = read_text(path, shown, kCsvFile, file_problems);
    for (auto& d : file_problems)
      check.error(p + "/csv", fmt::format("{}: {}; the path is relative to the folder of the "
                                          "scenario file",
                                          shown, d.message));
    if (file_problems.empty()) read_initial_csv(text, shown, raw, problems);
  }
  check_initial_cases(raw, s, problems);
}

}  // namespace models::loading
