#include "models/fit/case_extract.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <system_error>
#include <unordered_map>

#include "models/scenario/csv_reader.h"
#include "sim/calendar.h"

namespace models {

namespace {

std::string trimmed(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string column_name(Milestone m) { return fmt::format("{}_date", milestone_name(m)); }

}  // namespace

std::string CaseExtract::message(const ExtractProblem& p) const {
  return fmt::format("{}:{}: {}", file, p.line, p.message);
}

CaseExtract read_case_extract(std::string_view text, const std::string& name,
                              const std::vector<std::string>& outcomes) {
  const std::vector<CsvRecord> records = read_csv(text);
  const std::string columns =
      "case_id,type,report_date,referral_date,charge_date,first_hearing_date,ptph_date,"
      "trial_start_date,completion_date,outcome (as in the cases.csv casesim run writes)";
  if (records.empty())
    throw ExtractError(fmt::format("{}: file is empty; expected a header line with the columns {}",
                                   name, columns));

  CaseExtract out;
  out.file = name;
  const auto& header = records.front().fields;
  auto find = [&](const std::string& column) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (trimmed(header[i]) == column) return i;
    return std::nullopt;
  };
  const auto id_col = find("case_id"), type_col = find("type"), outcome_col = find("outcome");
  const auto origin_col = find("origin");
  std::array<std::optional<std::size_t>, kMilestoneCount> date_col;
  for (std::size_t m = 0; m < kMilestoneCount; ++m) {
    date_col[m] = find(column_name(static_cast<Milestone>(m)));
    out.has_column[m] = date_col[m].has_value();
  }
  std::vector<std::string> missing;
  if (!type_col) missing.push_back("type");
  if (!date_col[static_cast<std::size_t>(Milestone::kReport)]) missing.push_back("report_date");
  if (!date_col[static_cast<std::size_t>(Milestone::kCompletion)])
    missing.push_back("completion_date");
  if (!outcome_col) missing.push_back("outcome");
  if (!missing.empty())
    throw ExtractError(fmt::format("{}:{}: header has no {} column{}; expected the columns {}",
                                   name, records.front().line, fmt::join(missing, ", "),
                                   missing.size() == 1 ? "" : "s", columns));

  const std::set<std::string> known(outcomes.begin(), outcomes.end());
  std::unordered_map<std::string, std::size_t> id_line;
  for (std::size_t k = 1; k < records.size(); ++k) {
    const CsvRecord& rec = records[k];
    std::vector<std::string> faults;
    if (rec.fields.size() != header.size()) {
      out.problems.push_back(
          {rec.line, fmt::format("has {} field{}; expected {}, as in the header", rec.fields.size(),
                                 rec.fields.size() == 1 ? "" : "s", header.size())});
      ++out.bad_rows;
      continue;
    }
    auto field = [&](std::optional<std::size_t> col) {
      return col ? trimmed(rec.fields[*col]) : std::string();
    };
    ExtractRow row;
    row.line = rec.line;
    row.case_id = field(id_col);
    if (row.case_id.empty()) row.case_id = fmt::format("line {}", rec.line);
    row.type = field(type_col);
    const std::string origin = field(origin_col);
    row.initial = origin == "initial";
    if (!(origin.empty() || origin == "new" || row.initial))
      faults.push_back(fmt::format("origin '{}' is not allowed; expected new or initial", origin));
    if (row.type.empty()) faults.push_back("type is empty; expected the case type");

    for (std::size_t m = 0; m < kMilestoneCount; ++m) {
      const std::string value = field(date_col[m]);
      if (value.empty()) continue;
      if (const auto d = sim::parse_iso_date(value))
        row.date[m] = *d;
      else
        faults.push_back(fmt::format("{} {} is not a date (expected YYYY-MM-DD)",
                                     column_name(static_cast<Milestone>(m)), value));
    }
    const bool report_ok = !field(date_col[0]).empty();
    if (!report_ok)
      faults.push_back("report_date is empty; expected the date the case was reported");
    // Milestones in order: each date no earlier than the last one given.
    std::optional<std::size_t> previous;
    for (std::size_t m = 0; m < kMilestoneCount; ++m) {
      if (!row.date[m]) continue;
      if (previous && *row.date[m] < *row.date[*previous])
        faults.push_back(fmt::format(
            "{} {} is before {} {}; expected the milestones in the order report, referral, "
            "charge, first_hearing, ptph, trial_start, completion",
            column_name(static_cast<Milestone>(m)), sim::to_iso(*row.date[m]),
            column_name(static_cast<Milestone>(*previous)), sim::to_iso(*row.date[*previous])));
      previous = m;
    }

    std::string outcome = field(outcome_col);
    if (outcome == "open") outcome.clear();
    const bool completed_given =
        !field(date_col[static_cast<std::size_t>(Milestone::kCompletion)]).empty();
    if (!outcome.empty() && !known.contains(outcome)) {
      faults.push_back(fmt::format(
          "outcome '{}' is not an outcome of the scenario; expected one of {}, or open (or empty) "
          "for a case still open",
          outcome, fmt::join(outcomes, ", ")));
    } else if (!outcome.empty() && !completed_given) {
      faults.push_back(fmt::format(
          "outcome {} but completion_date is empty; expected the date the case ended", outcome));
    } else if (outcome.empty() && completed_given) {
      faults.push_back(
          "completion_date given but the outcome is open; expected the outcome the case ended "
          "with");
    }
    row.outcome = outcome;

    if (id_col && !field(id_col).empty()) {
      const auto [it, fresh] = id_line.emplace(row.case_id, rec.line);
      if (!fresh)
        faults.push_back(fmt::format("case_id {} is also on line {}; expected one row per case",
                                     row.case_id, it->second));
    }

    if (!faults.empty()) {
      for (auto& f : faults) out.problems.push_back({rec.line, std::move(f)});
      ++out.bad_rows;
      continue;
    }
    for (const auto& d : row.date)
      if (d && (!out.latest_date || *d > *out.latest_date)) out.latest_date = *d;
    out.rows.push_back(std::move(row));
  }
  return out;
}

CaseExtract load_case_extract(const std::filesystem::path& path,
                              const std::vector<std::string>& outcomes) {
  namespace fs = std::filesystem;
  const std::string shown = path.string();
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) throw ExtractError(shown + ": file not found");
  if (fs::is_directory(status))
    throw ExtractError(shown + ": is a directory, expected a CSV file of cases");
  // Before opening: open() on a named pipe waits for a writer for ever.
  if (!fs::is_regular_file(status))
    throw ExtractError(shown +
                       ": is not a regular file (a pipe, device or socket), expected a CSV file "
                       "of cases");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ExtractError(shown + ": cannot be read");
  // Read through a bounded buffer, so a device or an endless pipe fails fast.
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxExtractBytes)
      throw ExtractError(fmt::format("{}: larger than {} MB; expected a CSV file of cases", shown,
                                     kMaxExtractBytes >> 20));
  }
  return read_case_extract(text, shown, outcomes);
}

}  // namespace models
