// `casesim fit`: reads a force's case extract, fits it, writes the files.

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <iterator>

#include "app/commands.h"
#include "app/scenario_run.h"
#include "models/fit/case_extract.h"
#include "models/fit/extract_fit.h"
#include "models/scenario/scenario_loader.h"
#include "output/fit_files.h"
#include "output/output_set.h"
#include "sim/calendar.h"

namespace app {

namespace fs = std::filesystem;

namespace {

int refuse(const std::string& message) {
  std::cerr << "casesim: " << message << "\n";
  return 2;
}

// The scenario as seen from the output folder, so that fragment.json's
// "extends" finds it wherever the command was run from.
std::string scenario_from(const fs::path& dir, const fs::path& scenario) {
  std::error_code ec;
  const fs::path from = fs::weakly_canonical(fs::absolute(dir), ec);
  const fs::path to = fs::weakly_canonical(fs::absolute(scenario), ec);
  // Relative within one tree (the project), absolute across trees, where a
  // path climbing to the root would break as soon as either moved.
  const bool same_tree = std::next(from.begin()) != from.end() &&
                         std::next(to.begin()) != to.end() &&
                         *std::next(from.begin()) == *std::next(to.begin());
  const fs::path rel = to.lexically_relative(from);
  return (ec || !same_tree || rel.empty() ? to : rel).generic_string();
}

std::string one_line(const models::IntervalFit& iv, const models::Scenario& s) {
  std::string out = fmt::format("{} -> {}: {} observed, {} censored", milestone_name(iv.from),
                                milestone_name(iv.to), iv.fit.n_observed, iv.fit.n_censored);
  if (!iv.fit.best) return out + fmt::format("; no fit ({})", iv.fit.note);
  const models::FamilyFit& f = iv.fit.families[*iv.fit.best];
  out += fmt::format("; {} {:.4g}, {:.4g}; median {:.1f} days ({:.1f}-{:.1f})",
                     models::family_name(f.family), f.parameters[0].value, f.parameters[1].value,
                     f.median.value, f.median.ci_low, f.median.ci_high);
  return out + (iv.stage ? fmt::format("; stage {}", s.stages[*iv.stage].name)
                         : std::string("; not mapped"));
}

}  // namespace

int fit(const FitOptions& opt) {
  models::ExtractFitOptions options;
  options.skip_bad_rows = opt.skip_bad_rows;
  if (!opt.as_of.empty()) {
    options.as_of = sim::parse_iso_date(opt.as_of);
    if (!options.as_of)
      return refuse(fmt::format("--as-of: '{}' is not a date (expected YYYY-MM-DD)", opt.as_of));
  }
  // Scenario problems throw ScenarioError, which main turns into exit code 2.
  const models::Scenario scenario = models::load_scenario(opt.scenario);

  models::CaseExtract extract;
  models::ExtractFit fit;
  try {
    extract = models::load_case_extract(opt.cases, scenario.outcomes());
    for (const auto& p : extract.problems) std::cerr << extract.message(p) << "\n";
    fit = models::fit_extract(extract, scenario, options);
  } catch (const models::ExtractError& e) {
    return refuse(e.what());
  }
  if (extract.bad_rows > 0 && !opt.quiet)
    std::cerr << fmt::format("casesim: {} bad row{} left out (--skip-bad-rows)\n",
                             extract.bad_rows, extract.bad_rows == 1 ? "" : "s");

  const fs::path dir = opt.out;
  const output::FitFiles in{&extract, &fit, &scenario, scenario_from(dir, opt.scenario)};
  std::vector<fs::path> written;
  {
    output::OutputSet files(dir);
    files.set_csv_byte_order_mark(opt.csv_bom);
    files.add("fragment.json", output::fit_fragment_json(in));
    files.add("fit.json", output::fit_json(in));
    files.add("fit.csv", output::fit_csv(in));
    files.add("fit-report.html", output::fit_report_html(in));
    written = files.commit();
  }
  if (!opt.quiet) {
    fmt::print("{} cases as of {}\n", fit.cases, sim::to_iso(fit.as_of));
    for (const auto& iv : fit.intervals) fmt::print("{}\n", one_line(iv, scenario));
    fmt::print("\nwrote {} files to {}/\n", written.size(), dir.string());
  }
  return 0;
}

}  // namespace app
